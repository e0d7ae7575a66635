package dev.taskstream.server.community;

/**
 * Options of one community-detection run.
 *
 * @param algorithm     which algorithm to run
 * @param resolution    modularity resolution γ (> 0, finite); larger values give more, smaller
 *                      communities. Used by Leiden, by label propagation's expected-weight term
 *                      (see {@link LabelPropagation}) and for the reported modularity.
 * @param seed          seed of the random node-visit order; the same seed gives the same result
 * @param maxIterations cap on iterations (Leiden: full move/refine/aggregate passes; label
 *                      propagation: sweeps over all nodes); at least 1
 */
public record DetectionOptions(Algorithm algorithm, double resolution, long seed, int maxIterations) {

    public static final double DEFAULT_RESOLUTION = 1.0;
    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_MAX_ITERATIONS = 100;

    public DetectionOptions {
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm is required; allowed: " + Algorithm.allowedNames());
        }
        if (!Double.isFinite(resolution) || resolution <= 0) {
            throw new IllegalArgumentException("resolution must be a finite number > 0 (1.0 is standard modularity), got "
                    + resolution);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
    }

    /** Default options for {@code algorithm}: resolution 1, seed 42, at most 100 iterations. */
    public static DetectionOptions defaults(Algorithm algorithm) {
        return new DetectionOptions(algorithm, DEFAULT_RESOLUTION, DEFAULT_SEED, DEFAULT_MAX_ITERATIONS);
    }

    /** Options from a wire name, e.g. {@code of("leiden", 1.0, 7, 50)}. */
    public static DetectionOptions of(String algorithm, double resolution, long seed, int maxIterations) {
        return new DetectionOptions(Algorithm.fromWireName(algorithm), resolution, seed, maxIterations);
    }

    public DetectionOptions withResolution(double newResolution) {
        return new DetectionOptions(algorithm, newResolution, seed, maxIterations);
    }

    public DetectionOptions withSeed(long newSeed) {
        return new DetectionOptions(algorithm, resolution, newSeed, maxIterations);
    }

    public DetectionOptions withMaxIterations(int newMaxIterations) {
        return new DetectionOptions(algorithm, resolution, seed, newMaxIterations);
    }
}
