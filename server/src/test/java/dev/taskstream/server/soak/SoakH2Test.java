package dev.taskstream.server.soak;

import dev.taskstream.server.testing.TestDatabase;

class SoakH2Test extends SoakContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
