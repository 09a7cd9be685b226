package io.jotter.pool.reservations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReservationRulesTest {
    private static final Instant TEN = Instant.parse("2026-12-07T10:00:00Z");
    private final ReservationRules rules = ReservationRules.defaults();

    @Test
    void windowsLieOnQuarterHoursAndCoverTheirSlots() {
        ReservationWindow window = new ReservationWindow(TEN, TEN.plus(Duration.ofHours(1)));
        assertEquals(4, window.slots().size());
        assertEquals(TEN.plus(Duration.ofMinutes(45)), window.slots().get(3));
        assertEquals(TEN, ReservationWindow.slotOf(TEN.plusSeconds(899)));
        InvalidReservationException e = assertThrows(InvalidReservationException.class,
                () -> new ReservationWindow(TEN.plusSeconds(60), TEN.plus(Duration.ofHours(1))));
        assertEquals(true, e.getMessage().startsWith("a reservation starts and ends on a quarter hour"));
        assertThrows(InvalidReservationException.class, () -> new ReservationWindow(TEN, TEN));
    }

    @Test
    void rulesBoundLengthAndHowFarAhead() {
        Instant now = TEN.minus(Duration.ofDays(1));
        rules.check(new ReservationWindow(TEN, TEN.plus(Duration.ofHours(24))), now);
        assertThrows(InvalidReservationException.class,
                () -> rules.check(new ReservationWindow(TEN, TEN.plus(Duration.ofHours(25))), now));
        assertThrows(InvalidReservationException.class,
                () -> rules.check(new ReservationWindow(TEN.plus(Duration.ofDays(30)), TEN.plus(Duration.ofDays(30)).plus(Duration.ofHours(1))), now));
        assertThrows(InvalidReservationException.class,
                () -> rules.check(new ReservationWindow(TEN.minus(Duration.ofHours(2)), TEN.minus(Duration.ofHours(1))), TEN));
    }

    @Test
    void unclaimedRuntimesAreHeldUntilTheGraceEndsThenReleased() {
        Reservation lab = new Reservation("r1", "course:java-101", "gpu-t4", 30, new ReservationWindow(TEN, TEN.plus(Duration.ofHours(2))));
        Map<String, Integer> claimed = Map.of("r1", 12);
        assertEquals(0, rules.heldBack(List.of(lab), id -> claimed.get(id), TEN.minusSeconds(1)));
        assertEquals(18, rules.heldBack(List.of(lab), id -> claimed.get(id), TEN));
        assertEquals(18, rules.heldBack(List.of(lab), id -> claimed.get(id), TEN.plus(Duration.ofMinutes(14))));
        assertEquals(0, rules.heldBack(List.of(lab), id -> claimed.get(id), TEN.plus(Duration.ofMinutes(15))));
    }
}
