package dev.taskstream.shared.api;

/** Body of {@code PUT /projects/{id}}: creates or renames the project. */
public record ProjectRequest(String name) {
}
