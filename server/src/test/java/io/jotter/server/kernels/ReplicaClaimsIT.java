package io.jotter.server.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.kernel.protocol.ConnectionInfo;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.server.runtimes.Runtimes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replicas taking over each other's runtimes in real PostgreSQL: a live replica's runtimes stay its own, a dead
 * one's (silent past the lease, or gone) go to exactly one of several replicas claiming at once.
 */
@QuarkusTest
class ReplicaClaimsIT {
    private static final Duration LEASE = Duration.ofSeconds(10);

    @Inject
    RuntimeRecords records;

    @Inject
    Runtimes runtimes;

    @Inject
    EntityManager entities;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** A runtime admitted for a fresh account and recorded as started by {@code replica}. */
    private String runtimeOf(String replica) {
        String id = UUID.randomUUID().toString();
        String owner = "replicas-" + run;
        runtimes.admit(owner, id, "jotter-java", "cpu", null);
        ConnectionInfo connection = new ConnectionInfo("tcp", "127.0.0.1", 1, 2, 3, 4, 5, "key", "hmac-sha256",
                "jotter-java");
        records.started(owner, "jotter-java", new RuntimeHandle(id, connection, "0", Instant.now()), replica);
        return id;
    }

    private void silentSince(String replica, Duration ago) {
        records.heartbeat(replica);
        QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery(
                        "update server_replicas set heartbeat_at = now() - cast(?1 as interval) where id = ?2")
                .setParameter(1, ago.toSeconds() + " seconds").setParameter(2, replica).executeUpdate());
    }

    @Test
    void aLiveReplicaKeepsItsRuntimesAndADeadOnesGoToOneClaimant() throws Exception {
        String live = "live-" + run;
        String late = "late-" + run;
        String gone = "gone-" + run;
        records.heartbeat(live);
        silentSince(late, Duration.ofMinutes(1));
        String livesOn = runtimeOf(live);
        List<String> orphans = List.of(runtimeOf(late), runtimeOf(late), runtimeOf(gone));
        List<String> claimants = Stream.of("a", "b", "c", "d").map(name -> name + "-" + run).toList();
        claimants.forEach(records::heartbeat);

        ExecutorService threads = Executors.newFixedThreadPool(claimants.size());
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<String>>> claims = new ArrayList<>();
        for (String claimant : claimants) {
            claims.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return records.claimOrphans(claimant, LEASE);
            }, threads));
        }
        start.countDown();
        List<String> claimed = new ArrayList<>();
        for (CompletableFuture<List<String>> claim : claims) {
            claimed.addAll(claim.get().stream().filter(id -> orphans.contains(id) || id.equals(livesOn)).toList());
        }
        threads.shutdown();

        assertEquals(orphans.size(), claimed.size(), "each orphan claimed once: " + claimed);
        assertTrue(claimed.containsAll(orphans), "every orphan claimed: " + claimed);
        assertEquals(live, records.replicasOf(List.of(livesOn)).get(livesOn), "a live replica keeps its runtime");
        for (String orphan : orphans) {
            assertTrue(claimants.contains(records.replicasOf(List.of(orphan)).get(orphan)));
        }
        // Claimed again later: nothing moves, the claimants being alive.
        assertEquals(List.of(), records.claimOrphans("e-" + run, LEASE).stream()
                .filter(id -> orphans.contains(id) || id.equals(livesOn)).toList());

        Stream.concat(orphans.stream(), Stream.of(livesOn)).forEach(id -> runtimes.stopped(id, "test over"));
        Stream.concat(claimants.stream(), Stream.of(live, late, gone, "e-" + run)).forEach(records::leave);
    }

    @Test
    void aRuntimeStartingForHalfAnHourLostItsReplica() {
        String owner = "replicas-" + run;
        String stuck = UUID.randomUUID().toString();
        String starting = UUID.randomUUID().toString();
        runtimes.admit(owner, stuck, "jotter-java", "cpu", null);
        runtimes.admit(owner, starting, "jotter-java", "cpu", null);
        QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery(
                "update runtimes set started_at = now() - interval '31 minutes' where id = ?1")
                .setParameter(1, stuck).executeUpdate());

        List<String> found = records.stuckStarting(KernelRegistry.STUCK_STARTING);

        assertTrue(found.contains(stuck), "the runtime admitted 31 minutes ago: " + found);
        assertFalse(found.contains(starting), "not the one admitted just now");
        runtimes.lost(stuck, "test over");
        runtimes.lost(starting, "test over");
    }
}
