package dev.taskstream.server.http;

import dev.taskstream.server.testing.TestDatabase;

class HostileInputPostgresTest extends HostileInputContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
