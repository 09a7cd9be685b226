package io.jotter.server.courses;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A comment on a submission, or on one of its cells ({@code cell_id}, absent for the whole of it). */
public record FeedbackView(long id, long submissionId, String author,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String cellId, String body,
                           Instant createdAt) {
    static FeedbackView of(Feedback feedback) {
        return new FeedbackView(feedback.id(), feedback.submissionId(), feedback.author(), feedback.cellId(),
                feedback.body(), feedback.createdAt());
    }
}
