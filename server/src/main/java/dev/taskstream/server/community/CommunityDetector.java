package dev.taskstream.server.community;

/**
 * Entry point: runs the algorithm chosen in the options on a graph. Stateless and thread-safe;
 * concurrent runs on the same (read-only) graph are fine.
 */
public final class CommunityDetector {

    /**
     * Detects communities.
     *
     * @param monitor progress callback, called between iterations; throwing from it (e.g.
     *                {@link DetectionCancelledException}) cancels the run. May be null (= NONE).
     * @throws DetectionCancelledException if the thread is interrupted (checked between iterations)
     */
    public DetectionResult detect(CsrGraph graph, DetectionOptions options, DetectionMonitor monitor) {
        return switch (options.algorithm()) {
            case LEIDEN -> new Leiden(options.resolution(), options.seed(), options.maxIterations()).run(graph, monitor);
            case LABEL_PROPAGATION -> new LabelPropagation(options.seed(), options.maxIterations())
                    .run(graph, options.resolution(), monitor);
        };
    }

    /** Builds the result of a canonical membership (see {@link CommunityNumbering}). */
    static DetectionResult resultOf(CsrGraph graph, int[] canonicalMembership, double resolution, int iterations) {
        int communityCount = 0;
        for (int c : canonicalMembership) {
            communityCount = Math.max(communityCount, c + 1);
        }
        return new DetectionResult(canonicalMembership, communityCount,
                Modularity.of(graph, canonicalMembership, resolution), iterations);
    }
}
