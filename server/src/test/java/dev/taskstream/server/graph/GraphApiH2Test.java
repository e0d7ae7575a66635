package dev.taskstream.server.graph;

import dev.taskstream.server.testing.TestDatabase;

class GraphApiH2Test extends GraphApiContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
