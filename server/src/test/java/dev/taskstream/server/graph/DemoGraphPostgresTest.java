package dev.taskstream.server.graph;

import dev.taskstream.server.testing.TestDatabase;

class DemoGraphPostgresTest extends DemoGraphContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
