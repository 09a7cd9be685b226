package io.jotter.server.kernels;

import io.jotter.server.db.SqlTimes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * With several replicas, what one replica knows of a kernel's clients and what the others need to know: the replica
 * that runs a kernel culls it and warns before a stop, but its clients may be on any replica. Every heartbeat each
 * replica writes its clients of the kernels others run ({@code kernel_clients}), the runner counts them in the
 * kernel's activity (a kernel open only through another replica is not idle), and the warnings the runner writes
 * ({@code kernel_warnings}) reach the clients on every replica. On a single server it does nothing.
 */
@Singleton
public class KernelPresence {
    private static final Logger LOG = Logger.getLogger(KernelPresence.class);
    /** Warnings are for minutes ahead: older ones are of no use to anyone. */
    private static final String KEPT_WARNINGS = "10 minutes";

    private final KernelRegistry kernels;
    private final ReplicasConfig replicas;
    private final EntityManager entities;
    private final Event<KernelEvent> events;
    /** Set while this replica passes on warnings read from the table: those are not written again. */
    private static final ThreadLocal<Boolean> PASSING_ON = ThreadLocal.withInitial(() -> false);
    /** The last warning this replica has passed on (or that was there when it started). */
    private long warningsSeen = -1;

    public KernelPresence(KernelRegistry kernels, ReplicasConfig replicas, EntityManager entities,
                          Event<KernelEvent> events) {
        this.kernels = kernels;
        this.replicas = replicas;
        this.entities = entities;
        this.events = events;
    }

    private record Elsewhere(int connections, Instant lastActivity) {
    }

    private record Warning(long id, String kernelId, String message) {
    }

    /** One heartbeat's exchange: this replica's clients out, the others' clients and the runners' warnings in. */
    synchronized void share() {
        String replica = kernels.replica();
        if (replica == null) {
            return;
        }
        List<RunningKernel> served = List.copyOf(kernels.remoteKernels());
        Map<String, Elsewhere> others = QuarkusTransaction.requiringNew().call(() -> {
            entities.createNativeQuery("delete from kernel_clients where replica = ?1").setParameter(1, replica)
                    .executeUpdate();
            for (RunningKernel kernel : served) {
                entities.createNativeQuery("insert into kernel_clients (runtime_id, replica, connections, last_activity)"
                                + " values (?1, ?2, ?3, ?4)")
                        .setParameter(1, kernel.id()).setParameter(2, replica)
                        .setParameter(3, kernel.activity().connectedHere())
                        .setParameter(4, SqlTimes.at(kernel.activity().lastActivity())).executeUpdate();
            }
            entities.createNativeQuery("delete from kernel_clients where replica <> ?1 and replica not in ("
                            + RuntimeRecords.LIVE_REPLICAS + ")")
                    .setParameter(1, replica).setParameter(2, RuntimeRecords.lease(replicas.lease())).executeUpdate();
            Map<String, Elsewhere> found = new HashMap<>();
            List<?> rows = entities.createNativeQuery("select runtime_id, sum(connections), max(last_activity)"
                    + " from kernel_clients where replica <> ?1 group by runtime_id").setParameter(1, replica)
                    .getResultList();
            for (Object row : rows) {
                Object[] r = (Object[]) row;
                found.put((String) r[0], new Elsewhere(((Number) r[1]).intValue(), SqlTimes.instant(r[2])));
            }
            return found;
        });
        for (RunningKernel kernel : kernels.list()) {
            Elsewhere there = others.get(kernel.id());
            kernel.activity().seenElsewhere(there == null ? 0 : there.connections(),
                    there == null ? null : there.lastActivity());
        }
        List<RunningKernel> told = new ArrayList<>(kernels.list());
        told.addAll(served);
        passOnWarnings(replica, told);
    }

    /** The warnings other replicas wrote since the last heartbeat about kernels served here, to the clients here. */
    private void passOnWarnings(String replica, List<RunningKernel> served) {
        List<Warning> warnings = QuarkusTransaction.requiringNew().call(() -> {
            if (warningsSeen < 0) {
                warningsSeen = ((Number) entities.createNativeQuery("select coalesce(max(id), 0) from kernel_warnings")
                        .getSingleResult()).longValue();
            }
            entities.createNativeQuery("delete from kernel_warnings where created_at < now() - cast(?1 as interval)")
                    .setParameter(1, KEPT_WARNINGS).executeUpdate();
            List<?> rows = entities.createNativeQuery("select id, runtime_id, message from kernel_warnings where id > ?1"
                    + " and (replica is null or replica <> ?2) order by id").setParameter(1, warningsSeen)
                    .setParameter(2, replica).getResultList();
            return rows.stream().map(row -> {
                Object[] r = (Object[]) row;
                return new Warning(((Number) r[0]).longValue(), (String) r[1], (String) r[2]);
            }).toList();
        });
        Map<String, RunningKernel> byId = new HashMap<>();
        served.forEach(kernel -> byId.put(kernel.id(), kernel));
        for (Warning warning : warnings) {
            warningsSeen = Math.max(warningsSeen, warning.id());
            RunningKernel kernel = byId.get(warning.kernelId());
            if (kernel != null) {
                PASSING_ON.set(true);
                try {
                    events.fire(new KernelEvent(KernelEvent.Type.WARNING, kernel, warning.message()));
                } finally {
                    PASSING_ON.set(false);
                }
            }
        }
    }

    /**
     * A warning this replica gives about a kernel (one it runs, or one another runs: room for a reservation) is
     * written for the other replicas' clients of it, the runner's included.
     */
    void onKernelEvent(@Observes KernelEvent event) {
        if (event.type() != KernelEvent.Type.WARNING || kernels.replica() == null || PASSING_ON.get()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery(
                            "insert into kernel_warnings (runtime_id, message, replica) values (?1, ?2, ?3)")
                    .setParameter(1, event.kernel().id()).setParameter(2, event.reason())
                    .setParameter(3, kernels.replica()).executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf("could not share a warning about kernel %s with the other replicas: %s", event.kernel().id(), e);
        }
    }
}
