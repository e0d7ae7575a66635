package dev.taskstream.shared.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Optional body of {@code POST /projects/{id}/communities/rebuild}; null fields are left out and mean "the server's
 * default". {@code algorithm} is {@code leiden} (default) or {@code label_propagation}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RebuildRequest(String algorithm, Double resolution, Long seed) {

    @JsonIgnore
    public boolean isEmpty() {
        return algorithm == null && resolution == null && seed == null;
    }
}
