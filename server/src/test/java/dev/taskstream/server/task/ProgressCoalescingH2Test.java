package dev.taskstream.server.task;

import dev.taskstream.server.testing.TestDatabase;

class ProgressCoalescingH2Test extends ProgressCoalescingContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
