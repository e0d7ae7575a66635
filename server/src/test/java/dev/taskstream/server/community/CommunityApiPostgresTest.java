package dev.taskstream.server.community;

import dev.taskstream.server.testing.TestDatabase;

class CommunityApiPostgresTest extends CommunityApiContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
