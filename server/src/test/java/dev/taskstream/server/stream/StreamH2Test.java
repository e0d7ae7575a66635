package dev.taskstream.server.stream;

import dev.taskstream.server.testing.TestDatabase;

class StreamH2Test extends StreamContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
