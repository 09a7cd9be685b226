package io.jotter.server.runtimes;

import io.jotter.server.db.SqlTimes;
import io.jotter.pool.reservations.Reservation;
import io.jotter.pool.reservations.ReservationWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code reservations} and {@code reservation_slots} tables. Booking adds the count to every slot the window
 * covers, in time order (so two bookings lock slots in the same order and cannot deadlock); the slots' check
 * constraint refuses the booking that would overbook, and the whole booking rolls back with it.
 */
@ApplicationScoped
@Transactional
public class ReservationStore {
    /** The constraint a booking beyond capacity breaks. */
    static final String OVERBOOKED = "reservation_slots_within_capacity";

    /** A reservation with what runs under it now. */
    public record Booked(Reservation reservation, String createdBy, Instant createdAt, int claimed) {
    }

    private final EntityManager entities;

    public ReservationStore(EntityManager entities) {
        this.entities = entities;
    }

    /** Books it, or fails on {@link #OVERBOOKED} with nothing written. */
    long book(String holder, String type, int count, ReservationWindow window, int bookable, String by, Instant now) {
        for (Instant slot : window.slots()) {
            entities.createNativeQuery("insert into reservation_slots (runtime_type, slot, reserved, bookable) "
                            + "values (?1, ?2, ?3, ?4) on conflict (runtime_type, slot) do update "
                            + "set reserved = reservation_slots.reserved + excluded.reserved, bookable = excluded.bookable")
                    .setParameter(1, type).setParameter(2, SqlTimes.at(slot)).setParameter(3, count)
                    .setParameter(4, bookable).executeUpdate();
        }
        return ((Number) entities.createNativeQuery("insert into reservations (holder, runtime_type, count, starts_at, "
                        + "ends_at, created_by, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) returning id")
                .setParameter(1, holder).setParameter(2, type).setParameter(3, count)
                .setParameter(4, SqlTimes.at(window.start())).setParameter(5, SqlTimes.at(window.end()))
                .setParameter(6, by).setParameter(7, SqlTimes.at(now)).getSingleResult()).longValue();
    }

    /** Cancels a live reservation and frees its slots; false when it was not live. */
    boolean cancel(long id, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("update reservations set cancelled_at = ?2 where id = ?1 "
                        + "and cancelled_at is null returning runtime_type, count, starts_at, ends_at")
                .setParameter(1, id).setParameter(2, SqlTimes.at(now)).getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] row = rows.get(0);
        entities.createNativeQuery("update reservation_slots set reserved = reserved - ?2 where runtime_type = ?1 "
                        + "and slot >= ?3 and slot < ?4")
                .setParameter(1, row[0]).setParameter(2, row[1]).setParameter(3, row[2]).setParameter(4, row[3])
                .executeUpdate();
        return true;
    }

    /** Live reservations of the type whose window holds {@code now}, with what runs under each. */
    List<Booked> active(String type, Instant now) {
        return select("r.runtime_type = ?1 and r.starts_at <= ?2 and r.ends_at > ?2", type, SqlTimes.at(now));
    }

    /** Live reservations of the type whose window starts after {@code from}, up to {@code to}, soonest first. */
    List<Booked> startingBetween(String type, Instant from, Instant to) {
        return select("r.runtime_type = ?1 and r.starts_at > ?2 and r.starts_at <= ?3", type, SqlTimes.at(from),
                SqlTimes.at(to));
    }

    /** Live reservations held by any of these holders that have not ended. */
    List<Booked> heldBy(Collection<String> holders, Instant now) {
        return select("r.holder = any(cast(?1 as text[])) and r.ends_at > ?2", holders.toArray(String[]::new),
                SqlTimes.at(now));
    }

    Booked find(long id) {
        List<Booked> found = select("r.id = ?1", id);
        return found.isEmpty() ? null : found.get(0);
    }

    private List<Booked> select(String where, Object... parameters) {
        var query = entities.createNativeQuery("select r.id, r.holder, r.runtime_type, r.count, r.starts_at, "
                        + "r.ends_at, r.created_by, r.created_at, (select count(*) from runtimes x where "
                        + "x.reservation_id = r.id and x.state <> 'stopped') from reservations r where "
                        + "r.cancelled_at is null and " + where + " order by r.starts_at, r.id");
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new Booked(new Reservation(Long.toString(((Number) row[0]).longValue()),
                (String) row[1], (String) row[2], ((Number) row[3]).intValue(),
                new ReservationWindow(SqlTimes.instant(row[4]), SqlTimes.instant(row[5]))), (String) row[6],
                SqlTimes.instant(row[7]), ((Number) row[8]).intValue())).toList();
    }

    /** Runtimes of the type booked in each slot from {@code from} to {@code to}; slots without bookings are absent. */
    Map<Instant, Integer> booked(String type, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("select slot, reserved from reservation_slots where "
                        + "runtime_type = ?1 and slot >= ?2 and slot < ?3 and reserved > 0")
                .setParameter(1, type).setParameter(2, SqlTimes.at(from)).setParameter(3, SqlTimes.at(to))
                .getResultList();
        Map<Instant, Integer> slots = new HashMap<>();
        rows.forEach(row -> slots.put(SqlTimes.instant(row[0]), ((Number) row[1]).intValue()));
        return slots;
    }
}
