package io.jotter.scheduler.decision;

import io.jotter.pool.capacity.Placement;
import io.jotter.quota.admission.Admission;
import java.time.Instant;

/** The scheduler's answer to a runtime request: started, waiting, or refused with the reason and a remedy. */
public sealed interface Decision {

    /** The request's id (the runtime's id once started). */
    String requestId();

    /**
     * Admitted and placed: the caller launches it on the {@code RuntimeBackend}, and calls
     * {@link Scheduler#release} when it stops (or fails to launch).
     *
     * @param placement where its slots are held
     * @param admission how long quota lets it run
     * @param at when it was started
     */
    record Started(String requestId, Placement placement, Admission.Admitted admission, Instant at)
            implements Decision {
    }

    /**
     * Waiting for capacity. Both values change as others start, stop and arrive: ask {@link Scheduler#queued}
     * again to show them live.
     *
     * @param position 1 for the next to start of its runtime type
     * @param estimatedStart when it should start, judged from what runs now
     */
    record Queued(String requestId, int position, Instant estimatedStart) implements Decision {
    }

    /**
     * Not started, and not waiting.
     *
     * @param reason which rule said no
     * @param message what happened, in the user's words
     * @param remedy what the user can do
     * @param retryAt when asking again would succeed, when known; {@code null} otherwise
     */
    record Refused(String requestId, Reason reason, String message, String remedy, Instant retryAt)
            implements Decision {
    }

    /** Why a request was refused. A lack of capacity now is not a refusal: the request waits. */
    enum Reason {
        /** The user's tier does not include the runtime type. */
        TIER,
        /** The user already holds as many runtimes as the tier allows. */
        CONCURRENCY,
        /** Accelerator hours or compute units are spent. */
        QUOTA,
        /** This pool has no capacity of that type at all, so waiting would never end. */
        CAPACITY;

        static Reason of(Admission.Reason reason) {
            return switch (reason) {
                case TIER -> TIER;
                case CONCURRENCY -> CONCURRENCY;
                case QUOTA -> QUOTA;
            };
        }
    }
}
