package dev.taskstream.server.community;

import dev.taskstream.server.testing.TestDatabase;

class CommunityMapH2Test extends CommunityMapContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
