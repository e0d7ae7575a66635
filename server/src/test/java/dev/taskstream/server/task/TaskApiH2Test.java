package dev.taskstream.server.task;

import dev.taskstream.server.testing.TestDatabase;

class TaskApiH2Test extends TaskApiContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
