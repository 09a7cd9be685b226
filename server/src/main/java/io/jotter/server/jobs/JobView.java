package io.jotter.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A job as the API shows it.
 *
 * @param durationSeconds how long its cells have run: until it finished, or until now
 * @param unitsSpent compute units its runtime was metered, less refunds; {@code null} until its runtime stopped
 * @param queuePosition while it waits for a runtime in its type's queue, its place there
 * @param waiting while queued, what it waits for, in words
 * @param slotPosition while it waits for one of its server's job slots (before it asks for a runtime), its place
 */
public record JobView(String id, String state, String sourcePath, String resultPath, String runtimeType,
                      String runtimeId, JsonNode parameters, boolean continueOnError, long timeLimitSeconds,
                      int cellsTotal, int cellsDone, int cellsFailed, Instant createdAt, Instant startedAt,
                      Instant finishedAt, Double durationSeconds, BigDecimal unitsSpent, String error,
                      Integer queuePosition, Instant estimatedStart, String waiting, Integer slotPosition, String student,
                      Long submissionId) {

    static JobView of(Job job, JobRunner runner, Clock clock) {
        Integer position = null;
        Instant estimate = null;
        String waiting = null;
        Integer slotPosition = null;
        if (job.state() == JobState.QUEUED) {
            var ticket = runner.ticket(job.id());
            if (ticket.isPresent()) {
                position = ticket.get().position();
                estimate = ticket.get().estimatedStart();
                waiting = ticket.get().message();
            } else {
                Optional<Integer> inLine = runner.slotPosition(job.id());
                slotPosition = inLine.orElse(null);
                waiting = inLine.map(place -> "All " + runner.slots() + " of the server's job slots are busy; this job"
                        + " is number " + place + " in line for one.")
                        .orElse("Asking for a " + job.runtimeType() + " runtime.");
            }
        }
        Double duration = job.startedAt() == null ? null
                : Duration.between(job.startedAt(), job.finishedAt() != null ? job.finishedAt() : clock.instant())
                        .toMillis() / 1000.0;
        return new JobView(job.id(), job.state().wire(), job.sourcePath(), job.resultPath(), job.runtimeType(),
                job.runtimeId(), JobDescription.parameters(job.parametersJson()), job.continueOnError(),
                job.timeLimit().toSeconds(), job.cellsTotal(), job.cellsDone(), job.cellsFailed(), job.createdAt(),
                job.startedAt(), job.finishedAt(), duration, job.unitsSpent(), job.error(), position, estimate, waiting,
                slotPosition, job.course() == null ? null : job.course().student(),
                job.course() == null ? null : job.course().submissionId());
    }
}
