package dev.taskstream.server.soak;

import dev.taskstream.server.testing.TestDatabase;

class SoakPostgresTest extends SoakContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
