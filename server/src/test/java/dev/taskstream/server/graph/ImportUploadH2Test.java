package dev.taskstream.server.graph;

import dev.taskstream.server.testing.TestDatabase;

class ImportUploadH2Test extends ImportUploadContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
