package io.jotter.scheduler.running;

import io.jotter.pool.capacity.Placement;
import io.jotter.quota.admission.Admission;
import io.jotter.scheduler.queue.StartRequest;
import java.time.Duration;
import java.time.Instant;

/**
 * A runtime the scheduler admitted and placed, until {@code release}.
 *
 * @param request what the user asked for; the runtime's id is the request's
 * @param placement where it holds slots
 * @param admission how long quota lets it run
 * @param startedAt when it was admitted and placed
 * @param claimedReservation the reservation it runs under, or {@code null}
 * @param preemptedUntil when it is stopped for a paying user, or {@code null} while it is not being preempted
 */
public record RunningRuntime(StartRequest request, Placement placement, Admission.Admitted admission,
                             Instant startedAt, String claimedReservation, Instant preemptedUntil) {
    public String id() {
        return request.id();
    }

    public String type() {
        return request.type().name();
    }

    /** When it must stop at the latest: its lifetime or its quota ends. */
    public Instant latestEnd() {
        return startedAt.plus(admission.maxRuntime());
    }

    /** Accelerator time it used by {@code now}: what fair share charges its user. */
    public Duration acceleratorTime(Instant now) {
        if (!request.type().isAccelerated()) {
            return Duration.ZERO;
        }
        return Duration.between(startedAt, now).multipliedBy(request.type().accelerators());
    }

    RunningRuntime preempted(Instant until) {
        return new RunningRuntime(request, placement, admission, startedAt, claimedReservation, until);
    }
}
