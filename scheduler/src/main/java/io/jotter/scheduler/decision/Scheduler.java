package io.jotter.scheduler.decision;

import io.jotter.pool.capacity.CapacityPool;
import io.jotter.pool.capacity.Placement;
import io.jotter.pool.reservations.Reservation;
import io.jotter.quota.admission.Admission;
import io.jotter.quota.admission.RuntimeAsk;
import io.jotter.scheduler.queue.FairShare;
import io.jotter.scheduler.queue.QueueEntry;
import io.jotter.scheduler.queue.RuntimeQueue;
import io.jotter.scheduler.queue.StartRequest;
import io.jotter.scheduler.running.Overtakers;
import io.jotter.scheduler.running.ReservationBook;
import io.jotter.scheduler.running.RunningRuntime;
import io.jotter.scheduler.running.RunningRuntimes;
import io.jotter.scheduler.running.StartEstimator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scheduler's decision core: quota admission, then placement, else the queue. Combines the queue (what
 * waits), the usage cache (what runs, what is booked) and the capacity pool, Kueue-style; the backend that makes
 * a started runtime real is the caller's.
 *
 * <p>Single-threaded: the caller serializes every call (one scheduler thread, or one lock). No call blocks or
 * sleeps; time comes from the injected clock. The caller calls {@link #dispatch} after a {@link #release}, after a
 * {@link #submit} that queued (a paying request may preempt), and on a timer (reservation grace periods end by
 * themselves), then acts on what it returns.
 */
public final class Scheduler {
    private final CapacityPool pool;
    private final UsageView usage;
    private final SchedulerPolicy policy;
    private final Clock clock;
    private final FairShare fairShare;
    private final RuntimeQueue queue;
    private final RunningRuntimes running;
    private final ReservationBook reservations;
    private final StartEstimator estimator;
    private final PreemptionPlanner preemptions;
    private final Overtakers overtakers = new Overtakers(Overtakers.WINDOW);

    public Scheduler(CapacityPool pool, UsageView usage, SchedulerPolicy policy, Clock clock) {
        this.pool = pool;
        this.usage = usage;
        this.policy = policy;
        this.clock = clock;
        this.fairShare = new FairShare(policy.fairShareHalfLife());
        this.queue = new RuntimeQueue(policy.order(), fairShare);
        this.running = new RunningRuntimes(policy.preemptibleTiers());
        this.reservations = new ReservationBook(policy.reservations());
        this.estimator = new StartEstimator(policy.priorRuntime());
        this.preemptions = new PreemptionPlanner(policy.preemptionGrace(), running, estimator);
    }

    /**
     * A user asks for a runtime. Quota refuses at once, with its reason; a type this pool has no nodes for is
     * refused (waiting would never end); a claim on an open reservation starts if any slot is free; otherwise the
     * request starts if nobody waits for the type and a slot is free beyond what reservations hold back, or waits.
     */
    public Decision submit(StartRequest request) {
        if (queue.find(request.id()).isPresent() || running.find(request.id()).isPresent()) {
            throw new IllegalArgumentException("request " + request.id() + " is already queued or running");
        }
        Instant now = clock.instant();
        String type = request.type().name();
        Admission admission = admit(request, now);
        if (admission instanceof Admission.Refused refused) {
            return new Decision.Refused(request.id(), Decision.Reason.of(refused.reason()), refused.message(),
                    refused.remedy(), refused.retryAt());
        }
        if (pool.total(type) == 0) {
            return new Decision.Refused(request.id(), Decision.Reason.CAPACITY,
                    "This server has no " + request.type().displayName() + " runtimes.",
                    "Choose another runtime type (Runtime → Change runtime type).", null);
        }
        boolean claim = policy.holdBackReservations()
                && reservations.claimable(request.reservationId(), type, running, now);
        if ((claim || queue.size(type) == 0) && fits(type, request.slots(), claim, now)) {
            return start(request, (Admission.Admitted) admission, claim, now);
        }
        QueueEntry entry = queue.add(request, claim);
        overtakers.queued(type, entry.priority(), entry.recentUse(), now);
        return queued(request.id()).orElseThrow();
    }

    /**
     * Starts the waiting requests that now fit, in queue order, re-checking quota for each (it may have changed
     * while they waited); and, when paying users wait for an accelerator, picks free runtimes to take back.
     */
    public Dispatch dispatch() {
        Instant now = clock.instant();
        List<Decision.Started> started = new ArrayList<>();
        List<Decision.Refused> refused = new ArrayList<>();
        List<Preemption> preempted = new ArrayList<>();
        for (String type : queue.waitingTypes()) {
            dispatch(type, now, started, refused);
            if (policy.preemption() && queue.paidWaiting(type) > 0) {
                int usable = Math.max(0, pool.free(type) - heldBack(type, now));
                int owed = Math.max(0, heldBack(type, now) - pool.free(type));
                preempted.addAll(preemptions.plan(type, queue.paidWaiting(type) + owed - usable, now));
            }
        }
        return new Dispatch(started, refused, preempted);
    }

    private void dispatch(String type, Instant now, List<Decision.Started> started, List<Decision.Refused> refused) {
        for (QueueEntry head = queue.head(type).orElse(null); head != null; head = queue.head(type).orElse(null)) {
            StartRequest request = head.request();
            if (head.claimsReservation() && !reservations.claimable(request.reservationId(), type, running, now)) {
                // The window closed or others claimed all of it: the request waits as any other.
                queue.remove(request.id());
                queue.add(request, false);
                continue;
            }
            if (!fits(type, request.slots(), head.claimsReservation(), now)) {
                return;
            }
            queue.remove(request.id());
            Admission admission = admit(request, now);
            if (admission instanceof Admission.Refused no) {
                refused.add(new Decision.Refused(request.id(), Decision.Reason.of(no.reason()),
                        "Your turn came, but: " + no.message(), no.remedy(), no.retryAt()));
            } else {
                started.add(start(request, (Admission.Admitted) admission, head.claimsReservation(), now));
            }
        }
    }

    /**
     * A runtime stopped, whatever the cause (the user, the culler, quota, a preemption, a failed launch): frees its
     * slots, charges its user's recent use and teaches the estimator its length. Call {@link #dispatch} next.
     *
     * @return what ran; empty when no such runtime was running
     */
    public Optional<RunningRuntime> release(String runtimeId) {
        Optional<RunningRuntime> stopped = running.remove(runtimeId);
        stopped.ifPresent(runtime -> {
            Instant now = clock.instant();
            pool.release(runtime.placement());
            estimator.stopped(runtime.type(), runtime.startedAt(), now);
            Duration used = runtime.acceleratorTime(now);
            if (!used.isZero()) {
                fairShare.charge(runtime.request().user(), used, now);
                queue.recentUseChanged(runtime.request().user());
            }
        });
        return stopped;
    }

    /** The user stopped waiting. @return whether the request was waiting */
    public boolean cancel(String requestId) {
        return queue.remove(requestId).isPresent();
    }

    /** A waiting request's position and estimated start, as of now; empty when it is not waiting. */
    public Optional<Decision.Queued> queued(String requestId) {
        Optional<QueueEntry> entry = queue.find(requestId);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String type = entry.get().request().type().name();
        int position = queue.position(requestId).orElseThrow();
        int slots = entry.get().request().slots();
        // Claims wait only for slots to free; others also for what reservations hold back.
        int held = entry.get().claimsReservation() ? 0 : heldBack(type, now);
        int k = position * slots + held - pool.free(type);
        // Claims of a reservation go first; others are passed by the higher-priority tiers' requests still to come.
        double passedPerMinute = entry.get().claimsReservation() || !policy.order().lateArrivalsOvertake() ? 0
                : overtakers.perMinuteAbove(type, entry.get().priority(), entry.get().recentUse(), now) * slots;
        return Optional.of(new Decision.Queued(requestId, position, estimator.estimate(type, k, passedPerMinute, now)));
    }

    /** A waiting request's position, 1 for the next of its type to start. */
    public Optional<Integer> position(String requestId) {
        return queue.position(requestId);
    }

    /** When a waiting request should start, as of now. */
    public Optional<Instant> estimatedStart(String requestId) {
        return queued(requestId).map(Decision.Queued::estimatedStart);
    }

    /** Honours a reservation (the server passes those of the coming hours), or updates it. */
    public void addReservation(Reservation reservation) {
        reservations.add(reservation);
    }

    /** Stops honouring a reservation (cancelled); runtimes claimed from it keep running. */
    public void removeReservation(String reservationId) {
        reservations.remove(reservationId);
    }

    /** Slots of a type held back for reservations now. */
    public int heldBack(String type) {
        return heldBack(type, clock.instant());
    }

    /** How many requests wait for a type. */
    public int waiting(String type) {
        return queue.size(type);
    }

    /** A running runtime, if it runs. */
    public Optional<RunningRuntime> running(String runtimeId) {
        return running.find(runtimeId);
    }

    private int heldBack(String type, Instant now) {
        return policy.holdBackReservations() ? reservations.heldBack(type, running, now) : 0;
    }

    private boolean fits(String type, int slots, boolean claim, Instant now) {
        int free = pool.free(type);
        return free >= slots && (claim || free - heldBack(type, now) >= slots);
    }

    private Admission admit(StartRequest request, Instant now) {
        RuntimeAsk ask = new RuntimeAsk(request.type().name(), request.type().isAccelerated(),
                request.type().computeUnitsPerHour());
        return policy.admission().decide(request.tier(), ask, usage.usage(request.user()), now);
    }

    private Decision.Started start(StartRequest request, Admission.Admitted admission, boolean claim, Instant now) {
        Placement placement = pool.place(request.type().name(), request.slots())
                .orElseThrow(() -> new IllegalStateException("no node for a request that fit: " + request.id()));
        running.add(new RunningRuntime(request, placement, admission, now, claim ? request.reservationId() : null,
                null));
        estimator.started(request.type().name(), now);
        return new Decision.Started(request.id(), placement, admission, now);
    }
}
