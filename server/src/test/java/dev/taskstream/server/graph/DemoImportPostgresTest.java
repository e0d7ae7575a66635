package dev.taskstream.server.graph;

import dev.taskstream.server.testing.TestDatabase;

class DemoImportPostgresTest extends DemoImportContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
