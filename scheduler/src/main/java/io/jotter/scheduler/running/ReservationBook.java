package io.jotter.scheduler.running;

import io.jotter.pool.reservations.Reservation;
import io.jotter.pool.reservations.ReservationRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reservations the scheduler honours, with what they hold back from everyone else now. The calendar itself
 * (booking, no slot over capacity) is the server's, in PostgreSQL; it hands the scheduler the reservations of the
 * coming hours. Ended reservations are dropped as they are met. Not thread-safe.
 */
public final class ReservationBook {
    private final ReservationRules rules;
    private final Map<String, Reservation> byId = new HashMap<>();
    private final Map<String, List<Reservation>> byType = new HashMap<>();

    public ReservationBook(ReservationRules rules) {
        this.rules = rules;
    }

    /** Adds a reservation, or replaces one with the same id. */
    public void add(Reservation reservation) {
        remove(reservation.id());
        byId.put(reservation.id(), reservation);
        byType.computeIfAbsent(reservation.runtimeType(), type -> new ArrayList<>()).add(reservation);
    }

    /** Forgets a reservation (cancelled); runtimes already claimed from it keep running. */
    public void remove(String id) {
        Reservation old = byId.remove(id);
        if (old != null) {
            byType.get(old.runtimeType()).remove(old);
        }
    }

    public Optional<Reservation> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /**
     * Whether a request for {@code type} may claim a runtime from the reservation now: it exists, books that type,
     * its window is open, and not all its runtimes are claimed. Past the grace period a reservation is still
     * claimable while runtimes are free; it just no longer holds them back.
     */
    public boolean claimable(String reservationId, String type, RunningRuntimes running, Instant now) {
        Reservation reservation = reservationId == null ? null : byId.get(reservationId);
        return reservation != null && reservation.runtimeType().equals(type) && reservation.window().contains(now)
                && running.claimed(reservationId) < reservation.count();
    }

    /** Slots of a type held back for reservations now (in their window, within grace, not yet claimed). */
    public int heldBack(String type, RunningRuntimes running, Instant now) {
        List<Reservation> reservations = byType.get(type);
        if (reservations == null || reservations.isEmpty()) {
            return 0;
        }
        for (Iterator<Reservation> it = reservations.iterator(); it.hasNext(); ) {
            Reservation reservation = it.next();
            if (!reservation.window().end().isAfter(now)) {
                it.remove();
                byId.remove(reservation.id());
            }
        }
        return rules.heldBack(reservations, running::claimed, now);
    }
}
