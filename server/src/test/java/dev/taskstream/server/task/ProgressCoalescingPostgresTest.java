package dev.taskstream.server.task;

import dev.taskstream.server.testing.TestDatabase;

class ProgressCoalescingPostgresTest extends ProgressCoalescingContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
