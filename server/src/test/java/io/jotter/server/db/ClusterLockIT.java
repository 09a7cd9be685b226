package io.jotter.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Two replicas' cluster locks over the real PostgreSQL: each here a ClusterLock of its own on the one database. */
@QuarkusTest
class ClusterLockIT {
    @Inject
    AgroalDataSource database;

    @Test
    void workUnderOneNameRunsOnOneReplicaAtATimeAndTheLockIsFreeAfterIt() {
        ClusterLock a = new ClusterLock(database);
        ClusterLock b = new ClusterLock(database);
        AtomicBoolean bRanMeanwhile = new AtomicBoolean(true);
        assertTrue(a.tryRun("test-work", () -> bRanMeanwhile.set(b.tryRun("test-work", () -> { }))));
        assertFalse(bRanMeanwhile.get(), "b ran while a held the lock");
        assertTrue(b.tryRun("test-work", () -> { }), "the lock stayed taken after a's work");
        assertTrue(a.tryRun("other-work", () -> assertTrue(b.tryRun("test-work", () -> { }))), "names are separate");
    }

    @Test
    void aRoleStaysWithItsReplicaUntilItResignsOrItsConnectionDies() throws Exception {
        ClusterLock a = new ClusterLock(database);
        ClusterLock b = new ClusterLock(database);
        try {
            assertTrue(a.lead("test-role"));
            assertFalse(b.lead("test-role"));
            assertTrue(a.lead("test-role"), "a keeps the role it has");
            a.resign();
            assertTrue(b.lead("test-role"), "a resigned");
            assertFalse(a.lead("test-role"));

            // b's replica dies: PostgreSQL ends its session (as when the replica's process or network goes).
            try (Connection admin = database.getConnection(); Statement statement = admin.createStatement()) {
                try (ResultSet ended = statement.executeQuery("""
                        select count(pg_terminate_backend(pid)) from pg_locks, hashtextextended('jotter:test-role', 0) key
                         where locktype = 'advisory' and granted and objsubid = 1
                           and classid::bigint = (key >> 32) & 4294967295 and objid::bigint = key & 4294967295""")) {
                    ended.next();
                    assertEquals(1, ended.getInt(1), "one session held the role");
                }
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            boolean taken = false;
            while (!taken && System.nanoTime() < deadline) {
                taken = a.lead("test-role");
                Thread.sleep(50);
            }
            assertTrue(taken, "a took the role over when b's session ended");
            assertFalse(b.lead("test-role"), "b, its connection gone, no longer leads");
        } finally {
            a.resign();
            b.resign();
        }
    }
}
