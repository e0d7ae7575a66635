package dev.taskstream.shared.api;

import java.time.Instant;
import java.util.List;

/**
 * A community with one page of its members ({@code GET /communities/{id}?limit=&offset=}, the paging applying to
 * the members).
 */
public record CommunityDetail(
        String id,
        String projectId,
        String name,
        String description,
        int memberCount,
        List<String> topMembers,
        Instant createdAt,
        Page<MemberView> members) {
}
