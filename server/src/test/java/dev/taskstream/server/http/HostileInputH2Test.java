package dev.taskstream.server.http;

import dev.taskstream.server.testing.TestDatabase;

class HostileInputH2Test extends HostileInputContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
