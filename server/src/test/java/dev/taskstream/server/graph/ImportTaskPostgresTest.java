package dev.taskstream.server.graph;

import dev.taskstream.server.testing.TestDatabase;

class ImportTaskPostgresTest extends ImportTaskContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
