package dev.taskstream.server.community;

import dev.taskstream.server.testing.TestDatabase;

class CommunityMapPostgresTest extends CommunityMapContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
