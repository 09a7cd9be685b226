package io.jotter.server.courses;

import java.time.Instant;

/** A member of a course, for its instructors: their username, name as of joining, and role. */
public record MemberView(String username, String displayName, String role, Instant joinedAt) {
}
