package dev.taskstream.server.community;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskstream.server.task.TaskInputException;
import dev.taskstream.shared.json.Json;
import java.util.Iterator;
import java.util.Set;

/**
 * Parameters of a {@code rebuild_communities} task: {@code algorithm} ({@code leiden}, default, or
 * {@code label_propagation}), {@code resolution} (finite, > 0, ≤ 100, default 1.0) and {@code seed}
 * (a whole number, default 42). Null or missing fields take the default.
 */
public record RebuildParams(Algorithm algorithm, double resolution, long seed) {
    public static final double MAX_RESOLUTION = 100;
    private static final Set<String> FIELDS = Set.of("algorithm", "resolution", "seed");

    public static RebuildParams defaults() {
        return new RebuildParams(Algorithm.LEIDEN, DetectionOptions.DEFAULT_RESOLUTION, DetectionOptions.DEFAULT_SEED);
    }

    /** Reads and checks parameters; {@link TaskInputException} (an IllegalArgumentException) says what to send instead. */
    public static RebuildParams parse(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return defaults();
        }
        if (!json.isObject()) {
            throw new TaskInputException("the parameters must be a JSON object with algorithm, resolution, seed");
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new TaskInputException("unknown field '" + clip(field)
                        + "'; allowed fields: algorithm, resolution, seed");
            }
        }
        Algorithm algorithm = Algorithm.LEIDEN;
        JsonNode a = json.get("algorithm");
        if (a != null && !a.isNull()) {
            if (!a.isTextual()) {
                throw new TaskInputException("algorithm must be a string, one of " + Algorithm.allowedNames());
            }
            try {
                algorithm = Algorithm.fromWireName(a.asText());
            } catch (IllegalArgumentException e) {
                throw new TaskInputException("unknown algorithm '" + clip(a.asText()) + "'; allowed: "
                        + Algorithm.allowedNames());
            }
        }
        double resolution = DetectionOptions.DEFAULT_RESOLUTION;
        JsonNode r = json.get("resolution");
        if (r != null && !r.isNull()) {
            if (!r.isNumber() || !Double.isFinite(r.asDouble()) || r.asDouble() <= 0 || r.asDouble() > MAX_RESOLUTION) {
                throw new TaskInputException("resolution must be a number greater than 0 and at most "
                        + (int) MAX_RESOLUTION + " (default 1.0; larger gives smaller communities), got "
                        + clip(r.toString()));
            }
            resolution = r.asDouble();
        }
        long seed = DetectionOptions.DEFAULT_SEED;
        JsonNode s = json.get("seed");
        if (s != null && !s.isNull()) {
            if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                throw new TaskInputException("seed must be a whole number (a 64-bit integer, default 42), got "
                        + clip(s.toString()));
            }
            seed = s.asLong();
        }
        return new RebuildParams(algorithm, resolution, seed);
    }

    public ObjectNode toJson() {
        return Json.mapper().createObjectNode().put("algorithm", algorithm.wireName()).put("resolution", resolution)
                .put("seed", seed);
    }

    public DetectionOptions options() {
        return new DetectionOptions(algorithm, resolution, seed, DetectionOptions.DEFAULT_MAX_ITERATIONS);
    }

    private static String clip(String s) {
        return dev.taskstream.server.http.Requests.clip(s);
    }
}
