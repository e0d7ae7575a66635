package dev.taskstream.server.stream;

import dev.taskstream.server.testing.TestDatabase;

class ConnectChurnPostgresTest extends ConnectChurnContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
