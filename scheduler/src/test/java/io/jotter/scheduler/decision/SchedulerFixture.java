package io.jotter.scheduler.decision;

import io.jotter.pool.capacity.CapacityPool;
import io.jotter.pool.capacity.PoolNode;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.quota.admission.Usage;
import io.jotter.quota.tiers.Tiers;
import io.jotter.scheduler.queue.StartRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small pool (one gpu-t4 node of {@code t4Slots}, one gpu-a100 node of two, no H100), the default tiers, usage
 * kept in a map, and a clock that starts Monday 2025-03-03 09:00 UTC. Requests are built with {@link #ask}.
 */
final class SchedulerFixture {
    static final Instant MONDAY_9 = Instant.parse("2025-03-03T09:00:00Z");
    static final RuntimeCatalog CATALOG = RuntimeCatalog.defaults();
    static final Tiers TIERS = Tiers.defaults();
    /** Enough units and no accelerator time used: admitted under every tier. */
    static final Usage FRESH = new Usage(0, new BigDecimal("100"), BigDecimal.ZERO, Duration.ZERO, 0);

    final MutableClock clock = new MutableClock(MONDAY_9);
    final Map<String, Usage> usage = new HashMap<>();
    final Scheduler scheduler;
    private int next;

    SchedulerFixture(int t4Slots) {
        this(t4Slots, SchedulerPolicy.defaults());
    }

    SchedulerFixture(int t4Slots, SchedulerPolicy policy) {
        CapacityPool pool = new CapacityPool(List.of(new PoolNode("t4-a", "gpu-t4", t4Slots),
                new PoolNode("a100-a", "gpu-a100", 2)));
        scheduler = new Scheduler(pool, user -> usage.getOrDefault(user, FRESH), policy, clock);
    }

    /** A request from {@code user} of {@code tier} for {@code type}, asked now, with the next id. */
    StartRequest ask(String user, String tier, String type) {
        return new StartRequest("r" + next++, user, TIERS.find(tier).orElseThrow(), CATALOG.get(type),
                clock.instant());
    }

    StartRequest claim(String user, String tier, String type, String reservationId) {
        return new StartRequest("r" + next++, user, TIERS.find(tier).orElseThrow(), CATALOG.get(type),
                clock.instant(), reservationId);
    }

    Decision submit(StartRequest request) {
        return scheduler.submit(request);
    }

    /** Fills the gpu-t4 node with free users' runtimes, one minute apart; their ids, oldest first. */
    List<String> fillT4(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Decision decision = submit(ask("filler" + i, Tiers.FREE, "gpu-t4"));
            ids.add(((Decision.Started) decision).requestId());
            clock.advance(Duration.ofMinutes(1));
        }
        return ids;
    }
}
