package io.jotter.server.runtimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.jotter.server.kernels.KernelNotFoundException;
import io.jotter.server.kernels.KernelRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime queue with accounts of different tiers, with real kernels and PostgreSQL: a paying user at the head of a
 * full accelerator type's queue takes a free-tier runtime back, chosen from the {@code runtimes} table (every
 * replica's), and requests that pass others make the estimates of those waiting later. The test profile's grace is
 * 3 s ({@code jotter.pool.preemption-grace}); gpu-t4 and gpu-l4 run as CPU stand-ins here.
 */
@QuarkusTest
class QueueTiersIT {
    private static final String TYPE = "gpu-t4";
    private static final String PAYER = "preemption-payer";

    @Inject
    PoolTypes pool;

    @Inject
    LocalPool localPool;

    @Inject
    KernelRegistry kernels;

    @Inject
    RuntimeRequests requests;

    @Inject
    TestQuota quota;

    @Inject
    AgroalDataSource database;

    private final List<String> started = new ArrayList<>();
    private final List<String> accounts = new ArrayList<>();
    private final List<RuntimeRequests.Ticket> tickets = new ArrayList<>();

    @AfterEach
    void restore() {
        // A request left queued would be a paying user at the head of the next test's queue.
        tickets.forEach(ticket -> requests.cancel(ticket.id(), ticket.owner()));
        for (String id : started) {
            try {
                kernels.shutdown(id, "the test is over");
            } catch (KernelNotFoundException e) {
                // taken back by the test
            }
        }
        quota.reset(PAYER);
        accounts.forEach(quota::reset);
        pool.set(localPool.capacity());
    }

    @Test
    void theNewestFreeRuntimeIsWarnedThenStoppedAndThePayingUserGetsItsPlace() throws Exception {
        pool.set(Map.of("cpu", 64, TYPE, 2));
        String older = start("preemption-free-a");
        String newer = start("preemption-free-b");
        quota.tier(PAYER, "pro");

        RuntimeRequests.Ticket ticket = ask();
        assertEquals("queued", ticket.state());
        Instant asked = Instant.now();
        Instant stopsAt = eventually("the newest free runtime taken back", () -> preemptAt(newer));
        assertNull(preemptAt(older), "the older free runtime runs on");
        assertTrue(!stopsAt.isBefore(asked.plusSeconds(2)), "it is given the grace: " + stopsAt);

        RuntimeRequests.Ticket settled = eventually("the paying user's runtime started",
                () -> requests.ticket(ticket.id(), PAYER).filter(t -> "started".equals(t.state())).orElse(null));
        started.add(settled.runtimeId());
        assertTrue(kernels.find(newer).isEmpty(), "the newest free runtime stopped");
        assertTrue(kernels.find(older).isPresent(), "the older one still runs");
        assertTrue(Duration.between(asked, Instant.now()).toSeconds() >= 2, "not before its grace");
    }

    /** The replica that took a runtime back died in its grace: the next dispatch, on any replica, stops it. */
    @Test
    void aRuntimeWhoseStopIsOverdueIsStoppedByTheNextDispatchAndNoOtherIsTakenBack() throws Exception {
        pool.set(Map.of("cpu", 64, TYPE, 2));
        String overdue = start("preemption-free-c");
        String other = start("preemption-free-d");
        try (Connection connection = database.getConnection(); PreparedStatement update = connection.prepareStatement(
                "update runtimes set preempt_at = ? where id = ?")) {
            update.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(60)));
            update.setString(2, overdue);
            update.executeUpdate();
        }
        quota.tier(PAYER, "pro");

        RuntimeRequests.Ticket ticket = ask();
        RuntimeRequests.Ticket settled = eventually("the paying user's runtime started",
                () -> requests.ticket(ticket.id(), PAYER).filter(t -> "started".equals(t.state())).orElse(null));
        started.add(settled.runtimeId());
        assertTrue(kernels.find(overdue).isEmpty(), "the overdue runtime stopped");
        assertTrue(kernels.find(other).isPresent(), "no other was taken back");
        assertNull(preemptAt(other));
    }

    /** The paying user asks for a runtime of the full type, waiting in line. */
    private RuntimeRequests.Ticket ask() {
        return ask(PAYER, TYPE);
    }

    private RuntimeRequests.Ticket ask(String owner, String type) {
        RuntimeRequests.Ticket ticket = (RuntimeRequests.Ticket) requests.request(owner, type, null, null);
        tickets.add(ticket);
        assertEquals("queued", ticket.state());
        return ticket;
    }

    private String account(String name, String tier) {
        quota.tier(name, tier);
        accounts.add(name);
        return name;
    }

    /**
     * The same place in line, before and after paying users' requests came and went: they passed those waiting then,
     * so the estimate for the one waiting now is later, though nobody is ahead of it. (gpu-l4: a type no other test
     * queues for, so that only this test's requests pass anyone; the waiting are of the course tier, whom preemption
     * leaves alone.)
     */
    @Test
    void requestsThatPassedOthersLatelyMakeTheEstimateLaterAtTheSamePlace() throws SQLException {
        String type = "gpu-l4";
        // A run of this test within the half hour would count as passing this one's.
        try (Connection connection = database.getConnection(); PreparedStatement forget = connection.prepareStatement(
                "delete from runtime_requests where owner like 'estimates-%'")) {
            forget.executeUpdate();
        }
        pool.set(Map.of("cpu", 64, type, 1));
        String holder = account("estimates-holder", "course");
        started.add(kernels.start(null, holder, type, null).id());
        RuntimeRequests.Ticket waiting = ask(account("estimates-course", "course"), type);
        assertEquals(1, waiting.position());

        List<RuntimeRequests.Ticket> passing = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            passing.add(ask(account("estimates-pro-" + i, "pro"), type));
        }
        assertEquals(6, requests.ticket(waiting.id(), waiting.owner()).orElseThrow().position(), "the paying users went ahead");
        passing.forEach(ticket -> assertTrue(requests.cancel(ticket.id(), ticket.owner())));

        RuntimeRequests.Ticket now = requests.ticket(waiting.id(), waiting.owner()).orElseThrow();
        assertEquals(1, now.position(), "first again");
        // Not only the seconds the test took: the five in the last half hour are expected to keep passing.
        assertTrue(Duration.between(waiting.estimatedStart(), now.estimatedStart()).toMinutes() >= 10,
                "before: " + waiting.estimatedStart() + ", after: " + now.estimatedStart());
    }

    /** A runtime of a free-tier account (single-user mode's own tier is not free: it is named so here). */
    private String start(String owner) {
        account(owner, "free");
        String id = kernels.start(null, owner, TYPE, null).id();
        started.add(id);
        return id;
    }

    private Instant preemptAt(String runtimeId) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement read = connection.prepareStatement(
                "select preempt_at from runtimes where id = ?")) {
            read.setString(1, runtimeId);
            try (ResultSet row = read.executeQuery()) {
                assertTrue(row.next(), "runtime " + runtimeId);
                Timestamp at = row.getTimestamp(1);
                return at == null ? null : at.toInstant();
            }
        }
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T eventually(String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": not within 60 s");
    }
}
