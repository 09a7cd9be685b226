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
import io.jotter.scheduler.running.StartEstimator;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The queue of runtime requests that found their type full. Requests wait in the scheduler's order (paid tiers
 * first, then less recent accelerator use, then arrival); one dispatcher thread starts the head of each type's
 * queue when a runtime stops, PostgreSQL's admission still deciding (quota is checked again then). A paying
 * user at the head of an accelerator's queue preempts the newest free-tier runtime of that type, after a
 * warning and a grace period in which the page saves the notebook.
 *
 * <p>The queue lives in this server's memory: a restart forgets waiting requests (their pages ask again).
 */
@Singleton
public class RuntimeRequests {
    private static final Logger LOG = Logger.getLogger(RuntimeRequests.class);
    static final Duration PREEMPTION_GRACE = Duration.ofMinutes(2);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    /** A request as its page follows it: {@code queued}, then {@code started}, {@code refused} or {@code cancelled}. */
    public record Ticket(String id, String owner, String state, String runtimeType, Integer position,
                         Instant estimatedStart, String runtimeId, String message, String remedy, Instant updatedAt) {
    }

    private record Waiting(StartRequest request, String kernelName, Long reservationId) {
    }

    private final KernelRegistry kernels;
    private final RuntimeCatalog catalog;
    private final AccountTiers tiers;
    private final PoolTypes pool;
    private final Event<KernelEvent> events;
    private final Clock clock;
    private final ReservationReadiness readiness;
    private final PoolConfig poolConfig;
    private final FairShare fairShare = new FairShare(Duration.ofHours(6));
    private final RuntimeQueue queue = new RuntimeQueue(QueueOrder.PRIORITY_FAIR_SHARE, fairShare);
    private final StartEstimator estimator = new StartEstimator(Duration.ofHours(1));
    private final Map<String, Waiting> waiting = new HashMap<>();
    private final Map<String, Ticket> settled = new ConcurrentHashMap<>();
    private final Map<String, Instant> preempting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService dispatcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "runtime-dispatcher");
        thread.setDaemon(true);
        return thread;
    });

    public RuntimeRequests(KernelRegistry kernels, RuntimeCatalog catalog, AccountTiers tiers, PoolTypes pool,
                           Event<KernelEvent> events, Clock clock, ReservationReadiness readiness,
                           PoolConfig poolConfig) {
        this.readiness = readiness;
        this.poolConfig = poolConfig;
        this.kernels = kernels;
        this.catalog = catalog;
        this.tiers = tiers;
        this.pool = pool;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Starts a runtime now if the type has room and nobody waits for it; otherwise queues the request.
     *
     * @return the started kernel, or the queued request's ticket
     * @throws RuntimeRefusedException for tier, quota or reservation refusals, which waiting would not change
     */
    public Object request(String owner, String typeName, String kernelName, Long reservationId) {
        RuntimeType type = catalog.get(typeName == null || typeName.isBlank() ? poolConfig.defaultType() : typeName);
        if (!anyWaiting(type.name()) || reservationId != null) {
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
        synchronized (this) {
            StartRequest request = new StartRequest(id, owner, tier, type, clock.instant(),
                    reservationId == null ? null : reservationId.toString());
            queue.add(request, reservationId != null);
            waiting.put(id, new Waiting(request, kernelName, reservationId));
        }
        dispatchSoon();
        return ticket(id).orElseThrow();
    }

    private synchronized boolean anyWaiting(String type) {
        return queue.size(type) > 0;
    }

    /** The request's ticket, if it is the owner's and the server still knows it. */
    public Optional<Ticket> ticket(String id, String owner) {
        return ticket(id).filter(ticket -> ticket.owner().equals(owner));
    }

    private synchronized Optional<Ticket> ticket(String id) {
        Waiting request = waiting.get(id);
        if (request == null) {
            return Optional.ofNullable(settled.get(id));
        }
        String type = request.request().type().name();
        int position = queue.position(id).orElse(1);
        int free = Math.max(0, pool.capacity().getOrDefault(type, 0) - pool.inUse().getOrDefault(type, 0));
        Instant now = clock.instant();
        return Optional.of(new Ticket(id, request.request().user(), "queued", type, position,
                estimator.estimate(type, position - free, now), null,
                "Every " + type + " runtime is in use; you are number " + position + " in line.",
                "Keep this page open or come back: the notebook gets its runtime when one frees.", now));
    }

    /** Cancels a queued request of the owner's; false when there is none. */
    public synchronized boolean cancel(String id, String owner) {
        Waiting request = waiting.get(id);
        if (request == null || !request.request().user().equals(owner)) {
            return false;
        }
        queue.remove(id);
        waiting.remove(id);
        settle(request, "cancelled", null, "You cancelled this request.", null);
        return true;
    }

    private void settle(Waiting request, String state, String runtimeId, String message, String remedy) {
        String id = request.request().id();
        settled.put(id, new Ticket(id, request.request().user(), state, request.request().type().name(), null, null,
                runtimeId, message, remedy, clock.instant()));
    }

    void onKernelEvent(@Observes KernelEvent event) {
        RunningKernel kernel = event.kernel();
        if (kernel.terms() == null) {
            return;
        }
        String type = kernel.terms().runtimeType();
        switch (event.type()) {
            case STARTED -> {
                synchronized (this) {
                    estimator.started(type, kernel.startedAt());
                }
            }
            case STOPPED -> {
                Instant now = clock.instant();
                synchronized (this) {
                    estimator.stopped(type, kernel.startedAt(), now);
                    if (kernel.terms().accelerated()) {
                        fairShare.charge(kernel.owner(), Duration.between(kernel.startedAt(), now), now);
                        queue.recentUseChanged(kernel.owner());
                    }
                }
                preempting.remove(kernel.id());
                dispatchSoon();
            }
            default -> { }
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
        readiness.prepare();
        dispatchSoon();
        Instant cutoff = clock.instant().minus(FORGET_AFTER);
        settled.values().removeIf(ticket -> ticket.updatedAt().isBefore(cutoff));
    }

    /** Starts each type's head while the type has room; runs on the dispatcher thread only. */
    void dispatch() {
        for (String type : waitingTypes()) {
            while (true) {
                Waiting head = head(type);
                if (head == null) {
                    break;
                }
                try {
                    RunningKernel kernel = kernels.start(head.kernelName(), head.request().user(), type,
                            head.reservationId());
                    finish(head, "started", kernel.id(), "Your " + type + " runtime is ready.", null);
                } catch (RuntimeRefusedException e) {
                    if ("capacity".equals(e.reason())) {
                        preemptFor(head);
                        break;
                    }
                    finish(head, "refused", null, e.getMessage(), e.body() instanceof RuntimeRefusedException.Body b
                            ? b.remedy() : null);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "a queued %s runtime of %s could not start", type, head.request().user());
                    finish(head, "refused", null, "The runtime could not start: " + e.getMessage(),
                            "Ask again; if it keeps failing, tell the people who run this server.");
                }
            }
        }
    }

    private synchronized java.util.List<String> waitingTypes() {
        return queue.waitingTypes();
    }

    private synchronized Waiting head(String type) {
        return queue.head(type).map(QueueEntry::request).map(request -> waiting.get(request.id())).orElse(null);
    }

    private synchronized void finish(Waiting request, String state, String runtimeId, String message, String remedy) {
        queue.remove(request.request().id());
        waiting.remove(request.request().id());
        settle(request, state, runtimeId, message, remedy);
    }

    /**
     * A paying user waits at the head of an accelerator's queue: the newest free-tier runtime of the type (it
     * has done the least work) is warned and stopped after the grace, unless enough are already on their way out.
     */
    private void preemptFor(Waiting head) {
        RuntimeType type = head.request().type();
        if (!type.isAccelerated() || !head.request().tier().paysInUnits()) {
            return;
        }
        long onTheirWay = kernels.list().stream().filter(k -> preempting.containsKey(k.id())
                && k.terms() != null && k.terms().runtimeType().equals(type.name())).count();
        int paidWaiting;
        synchronized (this) {
            paidWaiting = queue.paidWaiting(type.name());
        }
        if (onTheirWay >= paidWaiting) {
            return;
        }
        kernels.list().stream()
                .filter(k -> k.terms() != null && k.terms().runtimeType().equals(type.name()))
                .filter(k -> !preempting.containsKey(k.id()))
                .filter(k -> Tiers.FREE.equals(tiers.tierOf(k.owner()).name()))
                .max(Comparator.comparing(RunningKernel::startedAt))
                .ifPresent(this::preempt);
    }

    private void preempt(RunningKernel victim) {
        Instant until = clock.instant().plus(PREEMPTION_GRACE);
        preempting.put(victim.id(), until);
        LOG.infof("preempting free runtime %s of %s for a paying user", victim.id(), victim.owner());
        events.fire(new KernelEvent(KernelEvent.Type.WARNING, victim, "this runtime will stop within "
                + PREEMPTION_GRACE.toMinutes() + " min: a paying user needs its " + victim.terms().runtimeType()
                + " (free accelerator runtimes may be taken back when the pool is full). Your notebook is saved first"));
        dispatcher.schedule(() -> {
            try {
                kernels.shutdown(victim.id(), "it was taken back for a paying user's runtime, after a warning");
            } catch (RuntimeException e) {
                preempting.remove(victim.id());
            }
        }, PREEMPTION_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        dispatcher.shutdownNow();
    }

    /** Requests waiting for a type; for the runtime picker. */
    public synchronized int waitingFor(String type) {
        return queue.size(type);
    }
}
