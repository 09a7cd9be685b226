package io.jotter.pool.reservations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A reservation's time window, on slot boundaries.
 *
 * @param start inclusive, on a slot boundary
 * @param end exclusive, on a slot boundary, after {@code start}
 */
public record ReservationWindow(Instant start, Instant end) {
    /** The calendar's grain: windows start and end on quarter hours. */
    public static final Duration SLOT = Duration.ofMinutes(15);

    public ReservationWindow {
        if (!onSlot(start) || !onSlot(end)) {
            throw new InvalidReservationException("a reservation starts and ends on a quarter hour ("
                    + start + " to " + end + ")");
        }
        if (!end.isAfter(start)) {
            throw new InvalidReservationException("a reservation ends after it starts");
        }
    }

    private static boolean onSlot(Instant instant) {
        return instant != null && instant.getNano() == 0 && instant.getEpochSecond() % SLOT.toSeconds() == 0;
    }

    /** The slot that holds {@code instant}. */
    public static Instant slotOf(Instant instant) {
        long seconds = SLOT.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    /** The starts of the slots this window covers, in order. */
    public List<Instant> slots() {
        List<Instant> slots = new ArrayList<>();
        for (Instant slot = start; slot.isBefore(end); slot = slot.plus(SLOT)) {
            slots.add(slot);
        }
        return slots;
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
