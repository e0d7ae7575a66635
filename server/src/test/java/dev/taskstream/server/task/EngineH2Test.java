package dev.taskstream.server.task;

import dev.taskstream.server.testing.TestDatabase;

class EngineH2Test extends EngineContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
