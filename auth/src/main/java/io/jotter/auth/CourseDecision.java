package io.jotter.auth;

/**
 * The answer to a request about a course. Someone with no part in a course must not learn that it
 * exists, so they are told {@link #HIDDEN} (404), never {@link #FORBIDDEN} (403), whatever they ask.
 */
public enum CourseDecision {
    ALLOWED,
    /** They can see the course, but not do this (a student publishing, say). */
    FORBIDDEN,
    /** For them the course, or the thing asked about, does not exist. */
    HIDDEN
}
