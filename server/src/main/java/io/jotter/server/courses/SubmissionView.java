package io.jotter.server.courses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A submission. Every one a student makes is kept; {@code latest} marks the one that counts, their
 * newest. {@code late} compares it with the assignment's due date.
 *
 * @param content  the frozen notebook (nbformat JSON), only when one submission is asked for
 * @param feedback the comments of those who teach, oldest first; absent in the instructors' list
 */
public record SubmissionView(long id, long assignmentId, String student, Instant submittedAt, boolean late,
                             boolean latest,
                             @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode content,
                             @JsonInclude(JsonInclude.Include.NON_NULL) List<FeedbackView> feedback) {
}
