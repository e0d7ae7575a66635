package dev.taskstream.shared.api;

/** One member entity of a community. */
public record MemberView(String entityId, String name, String type, int degree) {
}
