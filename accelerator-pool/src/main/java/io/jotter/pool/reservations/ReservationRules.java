package io.jotter.pool.reservations;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * What a booking may be, and what it holds back from everyone else.
 *
 * @param maxLength the longest window one reservation may cover
 * @param maxAhead how far ahead a window may start
 * @param grace how long after a window starts its unused runtimes stay held for the holder; after that, the
 *     runtimes not yet claimed go back to the pool until the window ends
 */
public record ReservationRules(Duration maxLength, Duration maxAhead, Duration grace) {
    /** A day at most, up to four weeks ahead, fifteen minutes' grace. */
    public static ReservationRules defaults() {
        return new ReservationRules(Duration.ofHours(24), Duration.ofDays(28), Duration.ofMinutes(15));
    }

    /** Checks a requested window against the rules. @throws InvalidReservationException saying what is wrong */
    public void check(ReservationWindow window, Instant now) {
        if (!window.end().isAfter(now)) {
            throw new InvalidReservationException("that window has already ended");
        }
        if (window.length().compareTo(maxLength) > 0) {
            throw new InvalidReservationException("a reservation covers at most " + maxLength.toHours() + " h");
        }
        if (window.start().isAfter(now.plus(maxAhead))) {
            throw new InvalidReservationException("reservations open " + maxAhead.toDays() + " days ahead");
        }
    }

    /**
     * How many runtimes of a type reservations hold back from others at {@code now}.
     *
     * @param reservations the type's reservations
     * @param claimed how many runtimes are running under a reservation, by id
     */
    public int heldBack(Collection<Reservation> reservations, java.util.function.ToIntFunction<String> claimed,
                        Instant now) {
        int held = 0;
        for (Reservation reservation : reservations) {
            ReservationWindow window = reservation.window();
            if (window.contains(now) && now.isBefore(window.start().plus(grace))) {
                held += Math.max(0, reservation.count() - claimed.applyAsInt(reservation.id()));
            }
        }
        return held;
    }
}
