package dev.taskstream.server.stream;

import dev.taskstream.server.testing.TestDatabase;

class StreamPostgresTest extends StreamContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
