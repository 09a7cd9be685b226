package io.jotter.server.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.scheduler.local.LocalProcessBackend;
import io.jotter.scheduler.runtime.RuntimeBackend;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.scheduler.runtime.RuntimeRequest;
import io.jotter.server.kernelspecs.KernelSpecCatalog;
import io.jotter.server.runtimes.QuotaLedger;
import io.jotter.server.runtimes.RuntimeViews;
import io.jotter.server.runtimes.Runtimes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a server killed with SIGKILL leaves behind, settled by the next one: a kernel process still
 * running and a record still saying "running".
 */
@QuarkusTest
class RuntimeReconcilerIT {
    @Inject
    RuntimeReconciler reconciler;

    @Inject
    RuntimeRecords records;

    @Inject
    RuntimeBackend backend;

    @Inject
    KernelSpecCatalog catalog;

    @Inject
    Runtimes runtimes;

    @Inject
    RuntimeViews views;

    @Test
    void killsAnOrphanedKernelAndClosesItsRecord() throws Exception {
        String id = UUID.randomUUID().toString();
        // Admitted and started behind the registry's back, as by a server that is gone now.
        runtimes.admit("reconciled", id, "jotter-java", "cpu", null);
        RuntimeHandle orphan = backend.start(new RuntimeRequest(id, catalog.all().get("jotter-java"),
                Path.of(System.getProperty("user.home")), Map.of()));
        records.started("reconciled", "jotter-java", orphan);
        ProcessHandle process = ProcessHandle.of(Long.parseLong(orphan.backendRef())).orElseThrow();
        Path connectionFile = ((LocalProcessBackend) backend).connectionFile(id);
        assertTrue(process.isAlive() && Files.exists(connectionFile));

        reconciler.reconcile();

        assertFalse(process.isAlive(), "the orphaned kernel process is gone");
        assertFalse(Files.exists(connectionFile), "its connection file (it holds the key) is gone");
        RuntimeRecord record = records.find(id);
        assertEquals(RuntimeRecord.STOPPED, record.state());
        assertEquals("the server restarted", record.stopReason());
        // Lost through Jotter's fault: metered, then refunded in full.
        var ledger = views.usage("reconciled").ledger().stream().filter(line -> id.equals(line.runtimeId())).toList();
        assertEquals(List.of("refund", "meter"), ledger.stream().map(QuotaLedger.Line::kind).toList());
        assertEquals(0, ledger.get(0).computeUnits().add(ledger.get(1).computeUnits()).signum());
        assertEquals("refunded: the server restarted", ledger.get(0).reason());
    }
}
