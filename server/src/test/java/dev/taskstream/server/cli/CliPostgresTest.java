package dev.taskstream.server.cli;

import dev.taskstream.server.testing.TestDatabase;

class CliPostgresTest extends CliContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
