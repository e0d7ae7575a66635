package dev.taskstream.server.task;

import dev.taskstream.server.testing.TestDatabase;

class TaskApiPostgresTest extends TaskApiContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
