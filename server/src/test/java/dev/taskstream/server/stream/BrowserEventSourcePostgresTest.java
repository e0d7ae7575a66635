package dev.taskstream.server.stream;

import dev.taskstream.server.testing.TestDatabase;

class BrowserEventSourcePostgresTest extends BrowserEventSourceContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
