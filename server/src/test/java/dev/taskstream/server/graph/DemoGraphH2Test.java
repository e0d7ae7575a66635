package dev.taskstream.server.graph;

import dev.taskstream.server.testing.TestDatabase;

class DemoGraphH2Test extends DemoGraphContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
