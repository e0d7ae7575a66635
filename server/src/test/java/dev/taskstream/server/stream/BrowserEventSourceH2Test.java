package dev.taskstream.server.stream;

import dev.taskstream.server.testing.TestDatabase;

class BrowserEventSourceH2Test extends BrowserEventSourceContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
