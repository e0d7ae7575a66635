package dev.taskstream.server.graph;

import dev.taskstream.server.testing.TestDatabase;

class GraphApiPostgresTest extends GraphApiContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
