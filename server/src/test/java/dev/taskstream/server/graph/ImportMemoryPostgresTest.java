package dev.taskstream.server.graph;

import dev.taskstream.server.testing.TestDatabase;

class ImportMemoryPostgresTest extends ImportMemoryContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }

    @Override
    int edgesBeforeEntities() {
        return 3_000_000;
    }
}
