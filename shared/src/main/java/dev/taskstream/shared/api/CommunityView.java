package dev.taskstream.shared.api;

import java.time.Instant;
import java.util.List;

/** One community in the paged list of a project ({@code GET /projects/{id}/communities}), largest first. */
public record CommunityView(
        String id,
        String name,
        String description,
        int memberCount,
        List<String> topMembers,
        Instant createdAt) {
}
