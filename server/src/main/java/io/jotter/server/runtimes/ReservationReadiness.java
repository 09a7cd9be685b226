package io.jotter.server.runtimes;

import io.jotter.pool.reservations.Reservation;
import io.jotter.server.kernels.KernelEvent;
import io.jotter.server.kernels.KernelRegistry;
import io.jotter.server.kernels.KernelsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Makes room for reservations: a few minutes before a window starts, if what runs leaves less free than the
 * window holds, the runtimes that ran without a reservation are warned and stopped at its start (lowest tier
 * first, then the newest: it has done the least work), so the reserved runtimes are there when the holder
 * comes. Booking never takes more than the reservable share of a type, so this only bites when the pool is full.
 * One replica of a cluster does it (a cluster role), so a runtime is warned once, whichever replica runs it.
 */
@ApplicationScoped
public class ReservationReadiness {
    private static final Logger LOG = Logger.getLogger(ReservationReadiness.class);
    /** The cluster role ({@code ClusterLock#lead}) of the one replica that makes room for reservations. */
    static final String ROLE = "reservation-readiness";

    /** A running runtime as the choice of whom to stop sees it. */
    record Live(String id, String owner, int tierPriority, Instant startedAt, boolean reserved) {
    }

    private final ReservationStore reservations;
    private final PoolTypes pool;
    private final AccountTiers tiers;
    private final KernelRegistry kernels;
    private final KernelsConfig config;
    private final Event<KernelEvent> events;
    private final RuntimeRequestStore runtimes;
    private final Clock clock;
    private final Map<String, Instant> leaving = new ConcurrentHashMap<>();
    private final ScheduledExecutorService stopper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "reservation-readiness");
        thread.setDaemon(true);
        return thread;
    });

    public ReservationReadiness(ReservationStore reservations, PoolTypes pool, AccountTiers tiers,
                                KernelRegistry kernels, KernelsConfig config, Event<KernelEvent> events,
                                RuntimeRequestStore runtimes, Clock clock) {
        this.reservations = reservations;
        this.pool = pool;
        this.tiers = tiers;
        this.kernels = kernels;
        this.config = config;
        this.events = events;
        this.runtimes = runtimes;
        this.clock = clock;
    }

    /**
     * Whom to stop so that {@code needed} runtimes are free: none when enough are; otherwise runtimes without a
     * reservation, lowest tier first, newest first within a tier.
     */
    static List<Live> toStop(int capacity, List<Live> running, int needed) {
        int shortfall = needed - (capacity - running.size());
        if (shortfall <= 0) {
            return List.of();
        }
        return running.stream().filter(live -> !live.reserved())
                .sorted(Comparator.comparingInt(Live::tierPriority).thenComparing(Live::startedAt, Comparator.reverseOrder()))
                .limit(shortfall).toList();
    }

    /** Looks at the windows starting within the warning lead; called every few seconds. */
    @Transactional
    void prepare() {
        Instant now = clock.instant();
        Instant horizon = now.plus(config.stopWarning());
        Map<String, Integer> capacity = pool.capacity();
        for (String type : capacity.keySet()) {
            List<ReservationStore.Booked> starting = reservations.startingBetween(type, now, horizon);
            if (starting.isEmpty()) {
                continue;
            }
            Instant start = starting.get(0).reservation().window().start();
            int needed = reservations.active(type, start).stream()
                    .mapToInt(booked -> booked.reservation().count() - booked.claimed()).sum();
            List<Live> running = running(type).stream().filter(live -> !leaving.containsKey(live.id())).toList();
            int stillLeaving = (int) leaving.keySet().stream().filter(id -> kernels.find(id).isPresent()).count();
            for (Live victim : toStop(capacity.get(type) - stillLeaving, running, needed)) {
                leave(victim, type, start, starting.get(0).reservation());
            }
        }
        leaving.keySet().removeIf(id -> kernels.find(id).isEmpty());
    }

    private void leave(Live victim, String type, Instant start, Reservation reservation) {
        kernels.find(victim.id()).ifPresent(kernel -> {
            leaving.put(victim.id(), start);
            LOG.infof("runtime %s of %s stops at %s for reservation %s", victim.id(), victim.owner(), start,
                    reservation.id());
            events.fire(new KernelEvent(KernelEvent.Type.WARNING, kernel, "this runtime will stop at " + start
                    + ": every " + type + " runtime is booked from then. Your notebook is saved first"));
            long delay = Math.max(0, Duration.between(clock.instant(), start).toMillis());
            stopper.schedule(() -> {
                try {
                    kernels.shutdown(victim.id(), type + " runtimes are booked from " + start
                            + " (a reservation); this one ran without one");
                } catch (RuntimeException e) {
                    leaving.remove(victim.id());
                }
            }, delay, TimeUnit.MILLISECONDS);
        });
    }

    private List<Live> running(String type) {
        return runtimes.live(type).stream().map(runtime -> new Live(runtime.id(), runtime.owner(),
                tiers.tierOf(runtime.owner()).priority(), runtime.startedAt(), runtime.reserved())).toList();
    }

    /** Windows already being made room for; for tests. */
    Set<String> leaving() {
        return Set.copyOf(leaving.keySet());
    }
}
