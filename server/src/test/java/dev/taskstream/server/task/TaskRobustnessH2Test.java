package dev.taskstream.server.task;

import dev.taskstream.server.testing.TestDatabase;

class TaskRobustnessH2Test extends TaskRobustnessContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
