package dev.taskstream.server.task;

import dev.taskstream.server.testing.TestDatabase;

class GroupCommitPostgresTest extends GroupCommitContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
