package dev.taskstream.server.graph;

import dev.taskstream.server.testing.TestDatabase;

class ImportTaskH2Test extends ImportTaskContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
