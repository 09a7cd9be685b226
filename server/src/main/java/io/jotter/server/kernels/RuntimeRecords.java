package io.jotter.server.kernels;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jotter.kernel.protocol.ConnectionInfo;
import io.jotter.kernel.protocol.Json;
import io.jotter.scheduler.runtime.RuntimeHandle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code runtimes} table as the kernel registry sees it: a start or restart marks the admitted runtime's row
 * running. Stopping is metering's business ({@code io.jotter.server.runtimes.QuotaLedger#close}). With several
 * replicas, a row also says which replica runs the runtime and how to reach its kernel, and {@code server_replicas}
 * says which replicas are alive.
 */
@ApplicationScoped
public class RuntimeRecords {
    /** The replicas alive now: those that beat within the lease, bound as parameter 2 ({@link #lease}). */
    public static final String LIVE_REPLICAS = "select id from server_replicas where heartbeat_at > now() - cast(?2 as interval)";

    private final EntityManager entities;

    public RuntimeRecords(EntityManager entities) {
        this.entities = entities;
    }

    @Transactional
    public void started(String owner, String kernelName, RuntimeHandle handle) {
        RuntimeRecord record = entities.find(RuntimeRecord.class, handle.runtimeId());
        if (record == null) {
            throw new IllegalStateException("runtime " + handle.runtimeId() + " of " + owner + " (" + kernelName
                    + ") was never admitted");
        }
        record.launched(handle.backendRef(), handle.startedAt());
    }

    /** As {@link #started}, for a replica: the row also names the replica and where the kernel listens. */
    @Transactional
    public void started(String owner, String kernelName, RuntimeHandle handle, String replica) {
        started(owner, kernelName, handle);
        entities.flush();
        entities.createNativeQuery("update runtimes set replica = ?1, connection = cast(?2 as jsonb) where id = ?3")
                .setParameter(1, replica).setParameter(2, toJson(handle.connection()))
                .setParameter(3, handle.runtimeId()).executeUpdate();
    }

    @Transactional
    public List<RuntimeRecord> running() {
        return entities.createQuery("from RuntimeRecord where state <> :state", RuntimeRecord.class)
                .setParameter("state", RuntimeRecord.STOPPED).getResultList();
    }

    @Transactional
    public RuntimeRecord find(String id) {
        return entities.find(RuntimeRecord.class, id);
    }

    /**
     * A runtime that is not stopped, as any replica can reach it.
     *
     * @param replica the replica that runs it
     */
    public record Live(String id, String owner, String kernelName, String replica, RuntimeHandle handle,
                       String runtimeType, boolean accelerated) {
    }

    /** The runtime, if it runs (or starts) and its kernel can be reached: a replica recorded its connection. */
    @Transactional
    public Optional<Live> live(String id) {
        return live("r.id = ?1", id).stream().findFirst();
    }

    /** The runtimes among {@code ids} that run (or start) and can be reached, in one query. */
    @Transactional
    public List<Live> live(Collection<String> ids) {
        return ids.isEmpty() ? List.of() : live("r.id in (?1)", ids);
    }

    /** Every runtime run by a replica other than {@code replica}. */
    @Transactional
    public List<Live> liveElsewhere(String replica) {
        return live("r.replica <> ?1", replica);
    }

    /** Every runtime run by a replica, this one's included. */
    @Transactional
    public List<Live> liveAnywhere() {
        return live("true", null);
    }

    private List<Live> live(String condition, Object parameter) {
        Query query = entities.createNativeQuery("""
                select r.id, r.owner, r.kernel_name, r.replica, r.backend_ref, r.started_at, cast(r.connection as text),
                       r.runtime_type, r.accelerated
                  from runtimes r
                 where r.state = 'running' and r.connection is not null and r.replica is not null and\s""" + condition);
        List<?> rows = (parameter == null ? query : query.setParameter(1, parameter)).getResultList();
        return rows.stream().map(row -> {
            Object[] r = (Object[]) row;
            RuntimeHandle handle = new RuntimeHandle((String) r[0], fromJson((String) r[6]), (String) r[4],
                    (Instant) r[5]);
            return new Live((String) r[0], (String) r[1], (String) r[2], (String) r[3], handle, (String) r[7],
                    (Boolean) r[8]);
        }).toList();
    }

    /** The replica says it is alive. */
    @Transactional
    public void heartbeat(String replica) {
        entities.createNativeQuery("""
                insert into server_replicas (id, started_at, heartbeat_at) values (?1, now(), now())
                on conflict (id) do update set heartbeat_at = now()
                """).setParameter(1, replica).executeUpdate();
    }

    /** The replica stops: it is dead at once, so another adopts its runtimes without waiting out the lease. */
    @Transactional
    public void leave(String replica) {
        entities.createNativeQuery("delete from server_replicas where id = ?1").setParameter(1, replica).executeUpdate();
    }

    /**
     * Takes over every runtime whose replica is dead (silent for the lease, or gone). Of replicas racing for the same
     * runtime, one gets it: the others' update finds it already taken by a live replica.
     *
     * @return the ids of the runtimes now {@code replica}'s
     */
    @Transactional
    public List<String> claimOrphans(String replica, Duration lease) {
        List<?> ids = entities.createNativeQuery("""
                update runtimes set replica = ?1
                 where state <> 'stopped' and replica is not null and replica <> ?1
                   and replica not in (""" + LIVE_REPLICAS + ") returning id")
                .setParameter(1, replica).setParameter(2, lease(lease)).getResultList();
        entities.createNativeQuery("delete from server_replicas where heartbeat_at < now() - cast(?1 as interval)"
                        + " and not exists (select 1 from runtimes r where r.replica = server_replicas.id and r.state <> 'stopped')")
                .setParameter(1, lease(lease)).executeUpdate();
        return ids.stream().map(String.class::cast).toList();
    }

    /**
     * Runtimes admitted longer ago than {@code age} that never finished starting: their replica died while starting
     * them (a replica's own starts end, one way or the other, well within that).
     */
    @Transactional
    public List<String> stuckStarting(Duration age) {
        List<?> ids = entities.createNativeQuery("select id from runtimes where state = 'starting'"
                        + " and started_at < now() - cast(?1 as interval)")
                .setParameter(1, age.toSeconds() + " seconds").getResultList();
        return ids.stream().map(String.class::cast).toList();
    }

    /** Makes the runtime {@code replica}'s, whoever ran it (a restart from another replica takes it over). */
    @Transactional
    public boolean claim(String id, String replica) {
        return entities.createNativeQuery("update runtimes set replica = ?1 where id = ?2 and state <> 'stopped'")
                .setParameter(1, replica).setParameter(2, id).executeUpdate() > 0;
    }

    /** Which replica runs each of these runtimes now; a stopped or unknown one maps to nothing. */
    @Transactional
    public Map<String, String> replicasOf(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<?> rows = entities.createNativeQuery("select id, replica from runtimes where id in (?1)"
                        + " and state <> 'stopped' and replica is not null")
                .setParameter(1, List.copyOf(ids)).getResultList();
        return rows.stream().map(Object[].class::cast)
                .collect(Collectors.toMap(r -> (String) r[0], r -> (String) r[1]));
    }

    /** A lease as PostgreSQL reads an interval. */
    public static String lease(Duration lease) {
        return lease.toMillis() + " milliseconds";
    }

    private static String toJson(ConnectionInfo connection) {
        try {
            return Json.MAPPER.writeValueAsString(connection);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kernel's connection could not be written as JSON", e);
        }
    }

    private static ConnectionInfo fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, ConnectionInfo.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a runtime's recorded connection is not valid JSON", e);
        }
    }
}
