package io.jotter.scheduler.decision;

import io.jotter.pool.reservations.ReservationRules;
import io.jotter.quota.admission.AdmissionPolicy;
import io.jotter.quota.tiers.Tiers;
import io.jotter.scheduler.queue.QueueOrder;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the scheduler decides.
 *
 * @param order the queue's order
 * @param holdBackReservations whether reservations hold capacity back and their claims go first
 * @param preemption whether free runtimes are taken back for paying users waiting
 * @param preemptibleTiers tiers whose accelerator runtimes may be taken back; all must rank below paying tiers
 * @param preemptionGrace how long a preempted runtime has between the warning and its stop (to save the notebook)
 * @param fairShareHalfLife how fast recent use fades (see {@code FairShare})
 * @param priorRuntime the runtime length the start estimate assumes before it has seen enough
 * @param admission quota's policy
 * @param reservations the reservation rules (the grace period, after which unclaimed runtimes go back)
 */
public record SchedulerPolicy(QueueOrder order, boolean holdBackReservations, boolean preemption,
                              Set<String> preemptibleTiers, Duration preemptionGrace, Duration fairShareHalfLife,
                              Duration priorRuntime, AdmissionPolicy admission, ReservationRules reservations) {
    public SchedulerPolicy {
        Objects.requireNonNull(order, "order");
        preemptibleTiers = Set.copyOf(preemptibleTiers);
        Objects.requireNonNull(preemptionGrace, "preemptionGrace");
        Objects.requireNonNull(fairShareHalfLife, "fairShareHalfLife");
        Objects.requireNonNull(priorRuntime, "priorRuntime");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(reservations, "reservations");
    }

    /**
     * Jotter's: priority and fair share (recent use halving every 6 hours), reservations held, free runtimes
     * preempted with 2 minutes' warning, an hour assumed per runtime until lengths are learned.
     */
    public static SchedulerPolicy defaults() {
        return new SchedulerPolicy(QueueOrder.PRIORITY_FAIR_SHARE, true, true, Set.of(Tiers.FREE),
                Duration.ofMinutes(2), Duration.ofHours(6), Duration.ofHours(1), AdmissionPolicy.defaults(),
                ReservationRules.defaults());
    }

    /** The baseline: one arrival order per type, nothing held back for reservations, no preemption. */
    public static SchedulerPolicy firstComeFirstServed() {
        SchedulerPolicy d = defaults();
        return new SchedulerPolicy(QueueOrder.FIRST_COME_FIRST_SERVED, false, false, Set.of(), d.preemptionGrace,
                d.fairShareHalfLife, d.priorRuntime, d.admission, d.reservations);
    }
}
