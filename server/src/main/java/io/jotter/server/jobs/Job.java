package io.jotter.server.jobs;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A job as stored, without its frozen notebook.
 *
 * @param parametersJson the injected values as a JSON object, or {@code null}
 * @param runtimeId its kernel's id once it has one
 * @param error why it failed or was cancelled; for a job that ran on past errors, which cells raised them
 * @param unitsSpent compute units its runtime was metered, less any refund; {@code null} until metering closed
 * @param course for an instructor's run of a submission, which one; else {@code null}
 */
public record Job(String id, String owner, String sourcePath, String parametersJson, String runtimeType,
                  String kernelName, JobState state, String runtimeId, String resultPath, String error,
                  boolean continueOnError, Duration timeLimit, int cellsTotal, int cellsDone, int cellsFailed,
                  Instant createdAt, Instant startedAt, Instant finishedAt, BigDecimal unitsSpent,
                  CourseRun course) {
    /** The submission an instructor ran. */
    public record CourseRun(long courseId, long assignmentId, long submissionId, String student) {
    }
}
