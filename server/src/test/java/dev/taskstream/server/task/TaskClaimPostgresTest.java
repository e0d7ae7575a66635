package dev.taskstream.server.task;

import dev.taskstream.server.testing.TestDatabase;

class TaskClaimPostgresTest extends TaskClaimContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
