package dev.taskstream.server.cli;

import dev.taskstream.server.testing.TestDatabase;

class CliH2Test extends CliContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
