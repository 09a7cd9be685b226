package io.jotter.server.courses;

/**
 * A student's own copy of an assignment.
 *
 * @param path    where it is in their tree ({@code /api/contents/<path>})
 * @param created whether this start made it; false when it was there already (and was left as it was)
 */
public record StartedCopy(String path, boolean created) {
}
