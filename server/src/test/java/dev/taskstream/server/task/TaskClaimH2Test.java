package dev.taskstream.server.task;

import dev.taskstream.server.testing.TestDatabase;

class TaskClaimH2Test extends TaskClaimContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
