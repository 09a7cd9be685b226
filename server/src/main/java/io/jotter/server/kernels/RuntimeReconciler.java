package io.jotter.server.kernels;

import io.jotter.scheduler.runtime.RuntimeBackend;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.server.runtimes.Runtimes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * On start, settles what a previous server left behind (it may have been killed): kernels still running
 * with no server to reach them are stopped, and their records are closed. On a single server a local
 * kernel is not re-adopted: it was a child of the dead server and ended with it. With replicas, a kernel
 * whose runtime is still recorded is left alone: its replica runs it, or the first replica to notice that
 * replica's death adopts it ({@link KernelRegistry#sweep}); only kernels with no live record are stopped.
 */
@Singleton
public class RuntimeReconciler {
    private static final Logger LOG = Logger.getLogger(RuntimeReconciler.class);

    private final RuntimeBackend backend;
    private final RuntimeRecords records;
    private final Runtimes runtimes;

    private final ReplicasConfig replicas;

    public RuntimeReconciler(RuntimeBackend backend, RuntimeRecords records, Runtimes runtimes, ReplicasConfig replicas) {
        this.replicas = replicas;
        this.runtimes = runtimes;
        this.backend = backend;
        this.records = records;
    }

    void onStart(@Observes StartupEvent event) {
        reconcile();
    }

    /** Stops every runtime the backend can find and closes every record still marked running. */
    public void reconcile() {
        Set<String> recorded = records.running().stream().map(RuntimeRecord::id).collect(Collectors.toSet());
        for (RuntimeHandle orphan : backend.discover()) {
            if (replicas.enabled() && recorded.contains(orphan.runtimeId())) {
                continue;
            }
            boolean alive = backend.isAlive(orphan);
            LOG.infof("settling runtime %s left by a previous server (%s%s)", orphan.runtimeId(),
                    alive ? "process " + orphan.backendRef() + " still running" : "no process",
                    recorded.contains(orphan.runtimeId()) ? "" : ", no record");
            backend.kill(orphan);
            backend.cleanUp(orphan);
        }
        if (replicas.enabled()) {
            return;
        }
        for (String id : recorded) {
            runtimes.lost(id, "the server restarted");
        }
    }
}
