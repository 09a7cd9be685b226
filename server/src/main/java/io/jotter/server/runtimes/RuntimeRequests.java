package io.jotter.server.runtimes;

import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.pool.catalog.RuntimeType;
import io.jotter.quota.tiers.Tier;
import io.jotter.quota.tiers.Tiers;
import io.jotter.scheduler.queue.FairShare;
import io.jotter.scheduler.queue.QueueEntry;
import io.jotter.scheduler.queue.QueueOrder;
import io.jotter.scheduler.queue.RuntimeQueue;
import io.jotter.scheduler.queue.StartRequest;
import io.jotter.scheduler.running.Overtakers;
import io.jotter.scheduler.running.StartEstimator;
import io.jotter.server.db.ClusterLock;
import io.jotter.server.kernels.KernelEvent;
import io.jotter.server.kernels.KernelRegistry;
import io.jotter.server.kernels.RunningKernel;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The queue of runtime requests that found their type full. Requests wait in the scheduler's order (paid tiers
 * first, then less recent accelerator use, then arrival); a dispatcher starts the head of each type's queue when
 * a runtime stops, PostgreSQL's admission still deciding (quota is checked again then). A paying user at the head
 * of an accelerator's queue preempts the newest free-tier runtime of that type, after a warning and a grace period
 * in which the page saves the notebook.
 *
 * <p>The queue is the {@code runtime_requests} table, shared by every replica: a request outlives the replica it
 * was made through, and positions and estimates are the same whichever replica a page asks (each reads the queue
 * at most once a second). Any replica that changes what the queue waits for (a request, a stop, a window opening)
 * dispatches, one at a time across the cluster ({@link ClusterLock}); a replica that finds another dispatching
 * tries again shortly, so no stop goes unseen. Fair share and start estimates are read from the {@code runtimes}
 * table, so they too are the cluster's. A request that nobody asks after for {@link #UNFOLLOWED} (its page closed,
 * its job's replica died) gives up its place.
 */
@Singleton
public class RuntimeRequests {
    private static final Logger LOG = Logger.getLogger(RuntimeRequests.class);
    static final Duration UNFOLLOWED = Duration.ofMinutes(2);
    static final String DISPATCH = "runtime-dispatch";
    private static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final Duration FOLLOW_WRITTEN_EVERY = Duration.ofSeconds(10);
    private static final Duration VIEW_AGE = Duration.ofSeconds(1);
    private static final Duration ESTIMATES_AGE = Duration.ofMinutes(1);
    private static final Duration RETRY = Duration.ofMillis(250);
    private static final Duration HALF_LIFE = Duration.ofHours(6);
    /** Twelve half-lives: older use weighs less than 1/4000 of its hours. */
    private static final Duration FAIR_SHARE_WINDOW = HALF_LIFE.multipliedBy(12);
    private static final Duration LENGTHS_WINDOW = Duration.ofDays(7);
    private static final int LENGTHS_LIMIT = 5_000;

    /** A request as its page follows it: {@code queued}, then {@code started}, {@code refused} or {@code cancelled}. */
    public record Ticket(String id, String owner, String state, String runtimeType, Integer position,
                         Instant estimatedStart, String runtimeId, String message, String remedy, Instant updatedAt) {
    }

    /**
     * The queue as read from the database at {@code readAt}: its order, its rows, the types' start estimates and
     * free slots. Every page of a class polls its ticket: they share one reading a second.
     */
    private record View(Instant readAt, RuntimeQueue queue, Map<String, RuntimeRequestStore.Row> rows,
                        StartEstimator estimator, Map<String, Integer> free, Overtakers overtakers) {
    }

    private record Order(RuntimeQueue queue, Map<String, RuntimeRequestStore.Row> rows, FairShare fairShare) {
    }

    private record Estimates(Instant readAt, Set<String> types, StartEstimator estimator) {
    }

    private final KernelRegistry kernels;
    private final RuntimeCatalog catalog;
    private final AccountTiers tiers;
    private final Tiers tierNames;
    private final PoolTypes pool;
    private final Event<KernelEvent> events;
    private final Clock clock;
    private final ReservationReadiness readiness;
    private final PoolConfig poolConfig;
    private final RuntimeRequestStore store;
    private final ClusterLock lock;
    private final Object reading = new Object();
    private volatile View view;
    private volatile Estimates estimates;
    private final AtomicBoolean retrying = new AtomicBoolean();
    private final ScheduledExecutorService dispatcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "runtime-dispatcher");
        thread.setDaemon(true);
        return thread;
    });

    public RuntimeRequests(KernelRegistry kernels, RuntimeCatalog catalog, AccountTiers tiers, Tiers tierNames,
                           PoolTypes pool, Event<KernelEvent> events, Clock clock, ReservationReadiness readiness,
                           PoolConfig poolConfig, RuntimeRequestStore store, ClusterLock lock) {
        this.readiness = readiness;
        this.poolConfig = poolConfig;
        this.kernels = kernels;
        this.catalog = catalog;
        this.tiers = tiers;
        this.tierNames = tierNames;
        this.pool = pool;
        this.events = events;
        this.clock = clock;
        this.store = store;
        this.lock = lock;
    }

    /**
     * Starts a runtime now if the type has room and nobody waits for it; otherwise queues the request.
     *
     * @return the started kernel, or the queued request's ticket
     * @throws RuntimeRefusedException for tier, quota or reservation refusals, which waiting would not change
     */
    public Object request(String owner, String typeName, String kernelName, Long reservationId) {
        RuntimeType type = catalog.get(typeName == null || typeName.isBlank() ? poolConfig.defaultType() : typeName);
        if (reservationId != null || !store.anyQueued(type.name())) {
            try {
                return kernels.start(kernelName, owner, type.name(), reservationId);
            } catch (RuntimeRefusedException e) {
                if (!"capacity".equals(e.reason()) || pool.capacity().getOrDefault(type.name(), 0) == 0) {
                    throw e;
                }
            }
        }
        Tier tier = tiers.tierOf(owner);
        String id = UUID.randomUUID().toString();
        store.add(id, owner, tier.name(), type.name(), kernelName, reservationId, clock.instant());
        view = null;
        dispatchSoon();
        return ticket(id, owner).orElseThrow();
    }

    /** The request's ticket, if it is the owner's and still queued or settled within the hour; asking counts as following it. */
    public Optional<Ticket> ticket(String id, String owner) {
        RuntimeRequestStore.Row row = store.find(id).filter(found -> found.owner().equals(owner)).orElse(null);
        if (row == null) {
            return Optional.empty();
        }
        if (!"queued".equals(row.state())) {
            return Optional.of(new Ticket(id, owner, row.state(), row.runtimeType(), null, null, row.runtimeId(),
                    row.message(), row.remedy(), row.updatedAt()));
        }
        Instant now = clock.instant();
        store.followed(id, now, now.minus(FOLLOW_WRITTEN_EVERY));
        View cached = view(false);
        View current = cached.rows().containsKey(id) ? cached : view(true);
        String type = row.runtimeType();
        int position = current.queue().position(id).orElse(1);
        int free = current.free().getOrDefault(type, 0);
        double passedPerMinute = current.queue().find(id).map(entry -> current.overtakers()
                .perMinuteAbove(type, entry.priority(), entry.recentUse(), now)).orElse(0.0);
        return Optional.of(new Ticket(id, owner, "queued", type, position,
                current.estimator().estimate(type, position - free, passedPerMinute, now), null,
                "Every " + type + " runtime is in use; you are number " + position + " in line.",
                "Keep this page open: the notebook gets its runtime when one frees. A request nobody follows for "
                        + UNFOLLOWED.toMinutes() + " minutes gives up its place.", now));
    }

    /** Cancels a queued request of the owner's; false when there is none. */
    public boolean cancel(String id, String owner) {
        boolean cancelled = store.cancel(id, owner, "You cancelled this request.", clock.instant());
        if (cancelled) {
            view = null;
        }
        return cancelled;
    }

    /** The queue as read within the last second, or read now when {@code fresh} or older. */
    private View view(boolean fresh) {
        View current = view;
        if (!fresh && current != null && current.readAt().plus(VIEW_AGE).isAfter(clock.instant())) {
            return current;
        }
        synchronized (reading) {
            current = view;
            if (current != null && current.readAt().plus(VIEW_AGE).isAfter(clock.instant()) && !fresh) {
                return current;
            }
            current = read();
            view = current;
            return current;
        }
    }

    private View read() {
        Instant now = clock.instant();
        Order order = readOrder(now);
        Map<String, Integer> free = new HashMap<>();
        Map<String, Integer> inUse = pool.inUse();
        pool.capacity().forEach((type, capacity) -> free.put(type, Math.max(0, capacity - inUse.getOrDefault(type, 0))));
        return new View(now, order.queue(), order.rows(), estimator(order.queue().waitingTypes(), now), free,
                overtakers(order.fairShare(), now));
    }

    /**
     * Who joined the queues lately, as the estimates of those they pass see them: requests of a higher tier, and of
     * the same tier with less recent accelerator use (by their users' use now), go ahead of one already waiting.
     */
    private Overtakers overtakers(FairShare fairShare, Instant now) {
        Overtakers overtakers = new Overtakers(Overtakers.WINDOW);
        for (RuntimeRequestStore.Row row : store.requestedSince(now.minus(Overtakers.WINDOW))) {
            int priority = QueueEntry.priorityOf(tierNames.getOrFree(row.tier()), row.reservationId() != null);
            overtakers.queued(row.runtimeType(), priority, fairShare.recentUse(row.owner()), row.requestedAt());
        }
        return overtakers;
    }

    /** The waiting requests in the scheduler's order, from the database: what dispatching needs. */
    private Order readOrder(Instant now) {
        List<RuntimeRequestStore.Row> queued = store.queued();
        FairShare fairShare = new FairShare(HALF_LIFE);
        if (queued.stream().anyMatch(row -> catalog.find(row.runtimeType()).map(RuntimeType::isAccelerated).orElse(false))) {
            for (RuntimeRequestStore.Span use : store.acceleratorUse(now.minus(FAIR_SHARE_WINDOW))) {
                fairShare.charge(use.owner(), Duration.between(use.startedAt(), use.stoppedAt()), use.stoppedAt());
            }
        }
        RuntimeQueue queue = new RuntimeQueue(QueueOrder.PRIORITY_FAIR_SHARE, fairShare);
        Map<String, RuntimeRequestStore.Row> rows = new HashMap<>();
        for (RuntimeRequestStore.Row row : queued) {
            Optional<RuntimeType> type = catalog.find(row.runtimeType());
            if (type.isEmpty()) {
                store.settle(row.id(), "refused", null, "This server no longer offers " + row.runtimeType() + " runtimes.",
                        "Choose another runtime type.", now);
                continue;
            }
            queue.add(new StartRequest(row.id(), row.owner(), tierNames.getOrFree(row.tier()), type.get(),
                    row.requestedAt(), row.reservationId() == null ? null : row.reservationId().toString()),
                    row.reservationId() != null);
            rows.put(row.id(), row);
        }
        return new Order(queue, rows, fairShare);
    }

    /**
     * The start estimates for the waiting types, learned from the {@code runtimes} table at most once a minute (its
     * minute resolution would not use more, and the history is thousands of rows). Called under {@link #reading}.
     */
    private StartEstimator estimator(List<String> types, Instant now) {
        Estimates current = estimates;
        if (current != null && current.types().containsAll(types) && current.readAt().plus(ESTIMATES_AGE).isAfter(now)) {
            return current.estimator();
        }
        StartEstimator estimator = new StartEstimator(Duration.ofHours(1));
        for (String type : types) {
            for (RuntimeRequestStore.Span span : store.lifetimes(type, now.minus(LENGTHS_WINDOW), LENGTHS_LIMIT)) {
                estimator.started(type, span.startedAt());
                if (span.stoppedAt() != null) {
                    estimator.stopped(type, span.startedAt(), span.stoppedAt());
                }
            }
            // The first estimate computes the type's survival function; after it, pages' concurrent estimates only
            // read it (the estimator is not thread-safe while it learns, and it learns nothing more once shared).
            estimator.estimate(type, 1, now);
        }
        estimates = new Estimates(now, Set.copyOf(types), estimator);
        return estimator;
    }

    void onKernelEvent(@Observes KernelEvent event) {
        if (event.type() == KernelEvent.Type.STOPPED && event.kernel().terms() != null) {
            dispatchSoon();
        }
    }

    private void dispatchSoon() {
        if (!dispatcher.isShutdown()) {
            dispatcher.execute(this::dispatch);
        }
    }

    /** Reservation grace periods end, quota renews: look again now and then even when nothing stops. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (lock.lead(ReservationReadiness.ROLE)) {
            readiness.prepare();
        }
        dispatchSoon();
    }

    /** Dispatches if no other replica does now, else tries again shortly; runs on the dispatcher thread only. */
    void dispatch() {
        boolean ran;
        try {
            ran = lock.tryRun(DISPATCH, this::dispatchHeads);
        } catch (RuntimeException e) {
            LOG.warnf(e, "the runtime queue could not be dispatched");
            ran = false;
        }
        if (!ran && retrying.compareAndSet(false, true) && !dispatcher.isShutdown()) {
            dispatcher.schedule(() -> {
                retrying.set(false);
                dispatch();
            }, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Starts each type's head while the type has room; under the cluster's dispatch lock. */
    private void dispatchHeads() {
        Instant now = clock.instant();
        int givenUp = store.giveUpUnfollowed(now.minus(UNFOLLOWED), "Nobody followed this request for "
                + UNFOLLOWED.toMinutes() + " minutes (its page closed), so it gave up its place.", now);
        if (givenUp > 0) {
            LOG.infof("%d queued runtime requests gave up their places: nobody followed them", givenUp);
        }
        store.forget(now.minus(FORGET_AFTER));
        Order current = readOrder(now);
        RuntimeQueue queue = current.queue();
        for (String type : queue.waitingTypes()) {
            while (true) {
                QueueEntry head = queue.head(type).orElse(null);
                if (head == null) {
                    break;
                }
                RuntimeRequestStore.Row row = current.rows().get(head.request().id());
                if (store.find(row.id()).filter(found -> "queued".equals(found.state())).isEmpty()) {
                    queue.remove(row.id());
                    continue;
                }
                try {
                    RunningKernel kernel = kernels.start(row.kernelName(), row.owner(), type, row.reservationId());
                    if (!store.settle(row.id(), "started", kernel.id(), "Your " + type + " runtime is ready.", null,
                            clock.instant())) {
                        kernels.shutdown(kernel.id(), "its request was cancelled while it started");
                    }
                } catch (RuntimeRefusedException e) {
                    if ("capacity".equals(e.reason())) {
                        preemptFor(head, queue.paidWaiting(type));
                        break;
                    }
                    store.settle(row.id(), "refused", null, e.getMessage(),
                            e.body() instanceof RuntimeRefusedException.Body b ? b.remedy() : null, clock.instant());
                } catch (RuntimeException e) {
                    LOG.warnf(e, "a queued %s runtime of %s could not start", type, row.owner());
                    store.settle(row.id(), "refused", null, "The runtime could not start: " + e.getMessage(),
                            "Ask again; if it keeps failing, tell the people who run this server.", clock.instant());
                }
                queue.remove(row.id());
            }
        }
        view = null;
    }

    /**
     * A paying user waits at the head of an accelerator's queue: the newest free-tier runtime of the type (it has done
     * the least work) is warned and stopped after the grace, unless enough are already on their way out. Victims are
     * chosen among the runtimes of every replica ({@code runtimes.preempt_at} says which are on their way out); one
     * whose stop is overdue (the replica that took it back died meanwhile) is stopped now.
     */
    private void preemptFor(QueueEntry head, int paidWaiting) {
        RuntimeType type = head.request().type();
        if (!type.isAccelerated() || !head.request().tier().paysInUnits()) {
            return;
        }
        Instant now = clock.instant();
        List<RuntimeRequestStore.Live> live = store.live(type.name());
        live.stream().filter(runtime -> runtime.preemptAt() != null && !runtime.preemptAt().isAfter(now))
                .forEach(runtime -> stopPreempted(runtime.id()));
        long onTheirWay = live.stream().filter(runtime -> runtime.preemptAt() != null).count();
        if (onTheirWay >= paidWaiting) {
            return;
        }
        live.stream().filter(runtime -> runtime.preemptAt() == null)
                .filter(runtime -> Tiers.FREE.equals(tiers.tierOf(runtime.owner()).name()))
                .max(Comparator.comparing(RuntimeRequestStore.Live::startedAt))
                .ifPresent(runtime -> preempt(runtime.id(), type.name(), now));
    }

    private void preempt(String id, String type, Instant now) {
        RunningKernel victim = kernels.find(id).orElse(null);
        Duration grace = poolConfig.preemptionGrace();
        if (victim == null || !store.preempt(id, now.plus(grace))) {
            return;
        }
        LOG.infof("preempting free runtime %s of %s for a paying user", id, victim.owner());
        events.fire(new KernelEvent(KernelEvent.Type.WARNING, victim, "this runtime will stop within "
                + Math.max(1, grace.toMinutes()) + " min: a paying user needs its " + type
                + " (free accelerator runtimes may be taken back when the pool is full). Your notebook is saved first"));
        dispatcher.schedule(() -> stopPreempted(id), grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopPreempted(String id) {
        try {
            kernels.shutdown(id, "it was taken back for a paying user's runtime, after a warning");
        } catch (RuntimeException e) {
            LOG.debugf("runtime %s, taken back, had stopped already: %s", id, e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        dispatcher.shutdownNow();
    }
}
