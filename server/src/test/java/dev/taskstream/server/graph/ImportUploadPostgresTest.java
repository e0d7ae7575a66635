package dev.taskstream.server.graph;

import dev.taskstream.server.testing.TestDatabase;

class ImportUploadPostgresTest extends ImportUploadContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
