package dev.taskstream.server.community;

import dev.taskstream.server.testing.TestDatabase;

class CommunityMembershipsH2Test extends CommunityMembershipsContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
