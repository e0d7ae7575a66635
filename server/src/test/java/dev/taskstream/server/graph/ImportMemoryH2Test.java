package dev.taskstream.server.graph;

import dev.taskstream.server.testing.TestDatabase;

class ImportMemoryH2Test extends ImportMemoryContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }

    @Override
    int edgesBeforeEntities() {
        return 1_000_000;
    }
}
