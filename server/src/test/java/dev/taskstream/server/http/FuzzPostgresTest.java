package dev.taskstream.server.http;

import dev.taskstream.server.testing.TestDatabase;

class FuzzPostgresTest extends FuzzContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
