package io.jotter.server.runtimes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReservationReadinessTest {
    private static final Instant NINE = Instant.parse("2026-12-07T09:00:00Z");

    private static ReservationReadiness.Live live(String id, int priority, int minutesAfterNine, boolean reserved) {
        return new ReservationReadiness.Live(id, "owner-" + id, priority, NINE.plusSeconds(60L * minutesAfterNine),
                reserved);
    }

    @Test
    void nothingStopsWhenEnoughIsFree() {
        assertEquals(List.of(), ReservationReadiness.toStop(4, List.of(live("a", 0, 0, false)), 3));
    }

    @Test
    void theLowestTiersNewestRuntimesWithoutAReservationMakeRoom() {
        List<ReservationReadiness.Live> running = List.of(
                live("free-old", 0, 0, false), live("free-new", 0, 30, false), live("pro-new", 10, 50, false),
                live("reserved", 0, 55, true));
        assertEquals(List.of("free-new", "free-old"), ReservationReadiness.toStop(4, running, 2).stream()
                .map(ReservationReadiness.Live::id).toList());
        assertEquals(List.of("free-new", "free-old", "pro-new"), ReservationReadiness.toStop(4, running, 3).stream()
                .map(ReservationReadiness.Live::id).toList());
        assertEquals(3, ReservationReadiness.toStop(4, running, 4).size(), "a reserved runtime is never stopped");
    }
}
