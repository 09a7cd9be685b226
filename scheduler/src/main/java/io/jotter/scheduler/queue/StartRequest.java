package io.jotter.scheduler.queue;

import io.jotter.pool.catalog.RuntimeType;
import io.jotter.quota.tiers.Tier;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's request for a runtime, as the scheduler sees it. If started, the runtime keeps the request's id.
 *
 * @param id unique among queued and running requests; the runtime's id once it starts
 * @param user the account asking
 * @param tier the user's tier now, which sets both quota and queue priority
 * @param type the runtime type asked for
 * @param requestedAt when the user asked: waiting time and first-come order count from here
 * @param reservationId a reservation the request claims, or {@code null}; the caller has checked that the user
 *     may use it (their own, or their course's)
 */
public record StartRequest(String id, String user, Tier tier, RuntimeType type, Instant requestedAt,
                           String reservationId) {
    public StartRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** A request that claims no reservation. */
    public StartRequest(String id, String user, Tier tier, RuntimeType type, Instant requestedAt) {
        this(id, user, tier, type, requestedAt, null);
    }

    public Optional<String> reservation() {
        return Optional.ofNullable(reservationId);
    }

    /** Slots of the type's nodes one runtime takes: its accelerators, or one for a CPU runtime. */
    public int slots() {
        return Math.max(1, type.accelerators());
    }
}
