package dev.taskstream.server.task;

import dev.taskstream.server.testing.TestDatabase;

class GroupCommitH2Test extends GroupCommitContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
