package dev.taskstream.server.task;

import dev.taskstream.server.testing.TestDatabase;

class TaskRobustnessPostgresTest extends TaskRobustnessContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
