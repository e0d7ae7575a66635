package dev.taskstream.server.stream;

import dev.taskstream.server.testing.TestDatabase;

class ConnectChurnH2Test extends ConnectChurnContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
