package dev.taskstream.server.http;

import dev.taskstream.server.testing.TestDatabase;

class FuzzH2Test extends FuzzContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
