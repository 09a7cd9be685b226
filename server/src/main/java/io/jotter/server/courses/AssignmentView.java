package io.jotter.server.courses;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An assignment, without its notebook.
 *
 * @param sourcePath the path it was published from, in the publisher's tree; only for those who teach
 * @param copyPath   the caller's own copy in their tree once they started it; absent before, and for instructors
 */
public record AssignmentView(long id, long courseId, String title, Instant dueAt, Instant publishedAt,
                             String publishedBy,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String sourcePath,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String copyPath) {
}
