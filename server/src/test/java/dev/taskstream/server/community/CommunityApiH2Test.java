package dev.taskstream.server.community;

import dev.taskstream.server.testing.TestDatabase;

class CommunityApiH2Test extends CommunityApiContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
