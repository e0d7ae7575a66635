package dev.taskstream.shared.api;

import java.util.List;

/**
 * {@code GET /projects/{id}/communities/map}: the largest communities of the last rebuild (largest first, at most
 * {@code limit} of {@code totalCommunities}) and the links between them, for drawing the project's shape.
 */
public record CommunityMap(
        String projectId,
        long totalCommunities,
        int limit,
        List<Community> communities,
        List<Link> links) {

    /** A circle: the position in {@code communities} is the community's rank by size (0 = largest). */
    public record Community(String id, String name, int memberCount) {
    }

    /**
     * The graph edges between two communities, direction ignored: {@code weight} is the sum of their weights,
     * {@code edges} their number. {@code source} is the larger community of the two.
     */
    public record Link(String source, String target, double weight, long edges) {
    }
}
