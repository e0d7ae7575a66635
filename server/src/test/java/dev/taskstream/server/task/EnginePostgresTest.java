package dev.taskstream.server.task;

import dev.taskstream.server.testing.TestDatabase;

class EnginePostgresTest extends EngineContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
