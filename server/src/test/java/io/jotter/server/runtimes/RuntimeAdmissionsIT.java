package io.jotter.server.runtimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.quota.ledger.EntryKind;
import io.jotter.quota.ledger.LedgerEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Admission against real PostgreSQL under load: a thousand requests at once for a hundred GPUs, from accounts
 * whose quota allows one runtime each. Capacity and quota hold, and the ledger adds up to the runtimes' use.
 */
@QuarkusTest
class RuntimeAdmissionsIT {
    private static final String GPU = "gpu-t4";

    @Inject
    Runtimes runtimes;

    @Inject
    PoolTypes pool;

    @Inject
    LocalPool localPool;

    @Inject
    QuotaLedger ledger;

    @Inject
    EntityManager entities;

    private final List<String> admitted = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void settle() {
        admitted.forEach(id -> runtimes.stopped(id, "test over"));
        pool.set(localPool.capacity());
    }

    @Test
    void aThousandRequestsForAHundredGpusNeverExceedCapacityOrQuotaAndTheLedgerAddsUp() throws Exception {
        pool.set(Map.of("cpu", 64, GPU, 100));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // Free: 15 minutes of this week's 30 GPU hours left, enough for one runtime (10 min runway), not two.
            String free = "free-" + run + "-" + i;
            ledger.assignTier(free, "free", "test", "load test", now);
            ledger.write(free, EntryKind.ADJUST, BigDecimal.ZERO, Duration.ofHours(30).minusMinutes(15), null,
                    "load test: most of the week used", "test", now);
            // Pro: 0.4 units left after the month's 100; a T4 (1.76/h) runs 13 min on them, two only 6.8 min each.
            String pro = "pro-" + run + "-" + i;
            ledger.assignTier(pro, "pro", "test", "load test", now);
            ledger.write(pro, EntryKind.ADJUST, new BigDecimal("-99.6"), Duration.ZERO, null,
                    "load test: most of the month spent", "test", now);
            accounts.add(free);
            accounts.add(pro);
        }
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requests.addAll(accounts);
        }
        Collections.shuffle(requests);

        Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> perAccount = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(100);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (String account : requests) {
            done.add(threads.submit(() -> {
                go.await();
                String id = UUID.randomUUID().toString();
                try {
                    runtimes.admit(account, id, "jotter-java", GPU, null);
                    admitted.add(id);
                    perAccount.computeIfAbsent(account, a -> new AtomicInteger()).incrementAndGet();
                } catch (RuntimeRefusedException e) {
                    refusals.computeIfAbsent(e.reason(), r -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> future : done) {
            future.get(5, TimeUnit.MINUTES);
        }
        threads.shutdown();

        assertEquals(100, admitted.size(), "every GPU taken, none twice: " + refusals);
        assertEquals(100, pool.inUse().get(GPU));
        assertTrue(perAccount.values().stream().allMatch(count -> count.get() == 1), "quota: one runtime per account");
        assertEquals(Set.of("capacity", "quota"), refusals.keySet());
        assertEquals(900, refusals.values().stream().mapToInt(AtomicInteger::get).sum());

        List<String> closed = List.copyOf(admitted);
        admitted.clear();
        closed.parallelStream().forEach(id -> runtimes.stopped(id, "load test over"));
        assertEquals(0, pool.inUse().getOrDefault(GPU, 0));
        assertLedgerMatchesRuntimes(closed);
    }

    /** Each runtime's meter line is its rate times its time, to the ledger's precision; summed, they agree. */
    private void assertLedgerMatchesRuntimes(List<String> ids) {
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entities.createNativeQuery("select r.id, r.units_per_hour, r.metered_from, "
                            + "r.stopped_at, l.compute_units, l.accelerator_ms from runtimes r join usage_ledger l "
                            + "on l.runtime_id = r.id and l.kind = 'meter' where r.id = any(cast(?1 as text[]))")
                    .setParameter(1, ids.toArray(String[]::new)).getResultList();
            assertEquals(ids.size(), rows.size(), "one meter line per runtime");
            BigDecimal expected = BigDecimal.ZERO;
            BigDecimal metered = BigDecimal.ZERO;
            long expectedMs = 0;
            long meteredMs = 0;
            for (Object[] row : rows) {
                Instant from = io.jotter.server.db.SqlTimes.instant(row[2]);
                Instant to = io.jotter.server.db.SqlTimes.instant(row[3]);
                Duration ran = Duration.ofMillis(Duration.between(from, to).toMillis());
                expected = expected.add(LedgerEntry.cost((BigDecimal) row[1], ran));
                metered = metered.add(((BigDecimal) row[4]).negate());
                expectedMs += ran.toMillis();
                meteredMs += ((Number) row[5]).longValue();
            }
            assertEquals(0, expected.compareTo(metered), expected + " expected, " + metered + " metered");
            assertEquals(expectedMs, meteredMs);
        });
    }

    @Test
    void aRuntimeStoppedByManyPathsAtOnceIsMeteredOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        runtimes.admit("metered-once", id, "jotter-java", "cpu", null);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            done.add(threads.submit(() -> runtimes.stopped(id, "stopped")));
        }
        for (Future<?> future : done) {
            future.get(1, TimeUnit.MINUTES);
        }
        threads.shutdown();
        long meters = QuarkusTransaction.requiringNew().call(() -> ((Number) entities.createNativeQuery(
                "select count(*) from usage_ledger where runtime_id = ?1 and kind = 'meter'").setParameter(1, id)
                .getSingleResult()).longValue());
        assertEquals(1, meters);
    }

    @Test
    void theLedgerRefusesEditsAndDeletions() {
        ledger.write("append-only", EntryKind.GRANT, BigDecimal.TEN, Duration.ZERO, null, "test", "test", Instant.now());
        Exception update = assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() ->
                entities.createNativeQuery("update usage_ledger set compute_units = 1000 where account = 'append-only'")
                        .executeUpdate()));
        assertTrue(causes(update).contains("the usage ledger is append-only"), causes(update));
        Exception delete = assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() ->
                entities.createNativeQuery("delete from usage_ledger where account = 'append-only'").executeUpdate()));
        assertTrue(causes(delete).contains("the usage ledger is append-only"), causes(delete));
    }

    private static String causes(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
