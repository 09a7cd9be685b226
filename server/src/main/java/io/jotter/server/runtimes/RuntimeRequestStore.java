package io.jotter.server.runtimes;

import io.jotter.server.db.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code runtime_requests} table: the queue of runtime requests, shared by every replica. */
@ApplicationScoped
@Transactional
public class RuntimeRequestStore {
    private static final String COLUMNS = "id, owner, tier, runtime_type, kernel_name, reservation_id, seq, requested_at, "
            + "state, runtime_id, message, remedy, updated_at from runtime_requests";

    /** A request as stored; {@code state} is {@code queued} until it is settled. */
    record Row(String id, String owner, String tier, String runtimeType, String kernelName, Long reservationId, long seq,
               Instant requestedAt, String state, String runtimeId, String message, String remedy, Instant updatedAt) {
    }

    /**
     * A live runtime of a type, on whichever replica it runs, as preemption and the making of room for reservations
     * see it: whether it runs under a reservation, and when it is taken back, if it is.
     */
    record Live(String id, String owner, Instant startedAt, boolean reserved, Instant preemptAt) {
    }

    /** A runtime's start and (if it stopped) end, as the estimates and fair share read them. */
    record Span(String owner, Instant startedAt, Instant stoppedAt) {
    }

    private final EntityManager entities;

    public RuntimeRequestStore(EntityManager entities) {
        this.entities = entities;
    }

    void add(String id, String owner, String tier, String type, String kernelName, Long reservationId, Instant at) {
        entities.createNativeQuery("""
                insert into runtime_requests (id, owner, tier, runtime_type, kernel_name, reservation_id, requested_at,
                                              followed_at, state, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 'queued', ?7)""")
                .setParameter(1, id).setParameter(2, owner).setParameter(3, tier).setParameter(4, type)
                .setParameter(5, kernelName).setParameter(6, reservationId).setParameter(7, SqlTimes.at(at))
                .executeUpdate();
    }

    /** The type's runtimes that have not stopped, on every replica. */
    List<Live> live(String type) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("select id, owner, started_at, reservation_id, preempt_at "
                + "from runtimes where runtime_type = ?1 and state <> 'stopped'").setParameter(1, type).getResultList();
        return rows.stream().map(row -> new Live((String) row[0], (String) row[1], SqlTimes.instant(row[2]),
                row[3] != null, row[4] == null ? null : SqlTimes.instant(row[4]))).toList();
    }

    /** The runtime is taken back at {@code at}; false if it stopped or is already being taken back. */
    boolean preempt(String id, Instant at) {
        return entities.createNativeQuery("update runtimes set preempt_at = ?2 where id = ?1 and preempt_at is null "
                + "and state <> 'stopped'").setParameter(1, id).setParameter(2, SqlTimes.at(at)).executeUpdate() == 1;
    }

    boolean anyQueued(String type) {
        return !entities.createNativeQuery("select 1 from runtime_requests where runtime_type = ?1 and state = 'queued' limit 1")
                .setParameter(1, type).getResultList().isEmpty();
    }

    Optional<Row> find(String id) {
        return rows("select " + COLUMNS + " where id = ?1", id).stream().findFirst();
    }

    /** The requests that queued since {@code from}, whatever became of them, in order of arrival. */
    List<Row> requestedSince(Instant from) {
        return rows("select " + COLUMNS + " where requested_at >= ?1 order by seq", SqlTimes.at(from));
    }

    /** Every queued request, in order of arrival. */
    List<Row> queued() {
        return rows("select " + COLUMNS + " where state = 'queued' order by seq", null);
    }

    /** Its page or job asked after it at {@code at}; written at most every few seconds per request. */
    void followed(String id, Instant at, Instant unlessSince) {
        entities.createNativeQuery("update runtime_requests set followed_at = ?2 where id = ?1 and state = 'queued' "
                        + "and followed_at < ?3")
                .setParameter(1, id).setParameter(2, SqlTimes.at(at)).setParameter(3, SqlTimes.at(unlessSince))
                .executeUpdate();
    }

    /**
     * Settles a queued request: started (with its runtime) or refused.
     *
     * @return false when it was no longer queued (cancelled meanwhile, or settled by another replica)
     */
    boolean settle(String id, String state, String runtimeId, String message, String remedy, Instant at) {
        return entities.createNativeQuery("""
                update runtime_requests set state = ?2, runtime_id = ?3, message = ?4, remedy = ?5, updated_at = ?6
                 where id = ?1 and state = 'queued'""")
                .setParameter(1, id).setParameter(2, state).setParameter(3, runtimeId).setParameter(4, message)
                .setParameter(5, remedy).setParameter(6, SqlTimes.at(at))
                .executeUpdate() == 1;
    }

    /** Cancels the owner's queued request; false when there is none. */
    boolean cancel(String id, String owner, String message, Instant at) {
        return entities.createNativeQuery("""
                update runtime_requests set state = 'cancelled', message = ?3, updated_at = ?4
                 where id = ?1 and owner = ?2 and state = 'queued'""")
                .setParameter(1, id).setParameter(2, owner).setParameter(3, message).setParameter(4, SqlTimes.at(at))
                .executeUpdate() == 1;
    }

    /** Cancels the queued requests nobody has asked after since {@code cutoff}: their pages closed, their jobs ended. */
    int giveUpUnfollowed(Instant cutoff, String message, Instant at) {
        return entities.createNativeQuery("""
                update runtime_requests set state = 'cancelled', message = ?2, updated_at = ?3
                 where state = 'queued' and followed_at < ?1""")
                .setParameter(1, SqlTimes.at(cutoff)).setParameter(2, message).setParameter(3, SqlTimes.at(at))
                .executeUpdate();
    }

    /** Forgets settled requests older than {@code cutoff}. */
    void forget(Instant cutoff) {
        entities.createNativeQuery("delete from runtime_requests where state <> 'queued' and updated_at < ?1")
                .setParameter(1, SqlTimes.at(cutoff)).executeUpdate();
    }

    /** Accelerator runtimes that stopped since {@code since}, oldest stop first: recent use, for fair share. */
    List<Span> acceleratorUse(Instant since) {
        return spans(entities.createNativeQuery("""
                select owner, started_at, stopped_at from runtimes
                 where accelerated and state = 'stopped' and stopped_at > ?1 order by stopped_at""")
                .setParameter(1, SqlTimes.at(since)).getResultList());
    }

    /** A type's runtimes that run now or stopped since {@code since}, newest first, at most {@code limit}. */
    List<Span> lifetimes(String type, Instant since, int limit) {
        return spans(entities.createNativeQuery("""
                select owner, started_at, stopped_at from runtimes
                 where runtime_type = ?1 and (state <> 'stopped' or stopped_at > ?2) order by started_at desc limit ?3""")
                .setParameter(1, type).setParameter(2, SqlTimes.at(since)).setParameter(3, limit).getResultList());
    }

    private static List<Span> spans(List<?> rows) {
        return rows.stream().map(row -> {
            Object[] r = (Object[]) row;
            return new Span((String) r[0], SqlTimes.instant(r[1]), SqlTimes.instant(r[2]));
        }).toList();
    }

    private List<Row> rows(String sql, Object parameter) {
        var query = entities.createNativeQuery(sql);
        if (parameter != null) {
            query.setParameter(1, parameter);
        }
        List<?> rows = query.getResultList();
        return rows.stream().map(row -> {
            Object[] r = (Object[]) row;
            return new Row((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    r[5] == null ? null : ((Number) r[5]).longValue(), ((Number) r[6]).longValue(),
                    SqlTimes.instant(r[7]), (String) r[8], (String) r[9], (String) r[10], (String) r[11],
                    SqlTimes.instant(r[12]));
        }).toList();
    }
}
