package dev.taskstream.server.graph;

import dev.taskstream.server.testing.TestDatabase;

class DemoImportH2Test extends DemoImportContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
