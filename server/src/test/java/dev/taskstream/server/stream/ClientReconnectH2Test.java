package dev.taskstream.server.stream;

import dev.taskstream.server.testing.TestDatabase;

class ClientReconnectH2Test extends ClientReconnectContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
