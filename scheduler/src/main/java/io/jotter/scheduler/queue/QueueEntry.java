package io.jotter.scheduler.queue;

import io.jotter.quota.tiers.Tier;

/**
 * One waiting request with the keys that order it. Immutable: when a key changes, the queue removes the entry
 * and adds a new one.
 *
 * @param request what waits
 * @param priority the tier's priority, or {@link #RESERVED} for a request claiming its reservation
 * @param recentUse the user's {@link FairShare#recentUse} when the entry was (re)made
 * @param sequence order of submission, unique: ties end here
 */
public record QueueEntry(StartRequest request, int priority, double recentUse, long sequence) {
    /** Claims on a reservation go before everyone: the capacity was theirs already. */
    public static final int RESERVED = Integer.MAX_VALUE;

    /** The priority a request of this tier queues with: {@link #RESERVED} when it claims its reservation. */
    public static int priorityOf(Tier tier, boolean claimsReservation) {
        return claimsReservation ? RESERVED : tier.priority();
    }

    public boolean claimsReservation() {
        return priority == RESERVED;
    }

    /** Whether a paying user waits here: only they may take an accelerator back from a free runtime. */
    public boolean paid() {
        return request.tier().paysInUnits();
    }
}
