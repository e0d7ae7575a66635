package dev.taskstream.server.community;

import dev.taskstream.server.testing.TestDatabase;

class CommunityMembershipsPostgresTest extends CommunityMembershipsContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
