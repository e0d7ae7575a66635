package dev.taskstream.server.stream;

import dev.taskstream.server.testing.TestDatabase;

class ClientReconnectPostgresTest extends ClientReconnectContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
