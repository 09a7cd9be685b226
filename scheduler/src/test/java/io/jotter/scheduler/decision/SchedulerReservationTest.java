package io.jotter.scheduler.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.pool.reservations.Reservation;
import io.jotter.pool.reservations.ReservationWindow;
import io.jotter.quota.tiers.Tiers;
import io.jotter.scheduler.queue.StartRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SchedulerReservationTest {
    private static final Instant NINE_FIFTEEN = SchedulerFixture.MONDAY_9.plus(Duration.ofMinutes(15));

    private static Reservation course(int count) {
        return new Reservation("res-1", "course:ml-101", "gpu-t4", count,
                new ReservationWindow(NINE_FIFTEEN, NINE_FIFTEEN.plus(Duration.ofHours(2))));
    }

    @Test
    void nothingIsHeldBeforeTheWindowOpens() {
        SchedulerFixture f = new SchedulerFixture(3);
        f.scheduler.addReservation(course(2));
        assertEquals(0, f.scheduler.heldBack("gpu-t4"));
        assertInstanceOf(Decision.Started.class, f.submit(f.ask("fay", Tiers.FREE, "gpu-t4")));
    }

    @Test
    void anOpenWindowHoldsItsRuntimesBackFromOthers() {
        SchedulerFixture f = new SchedulerFixture(3);
        f.scheduler.addReservation(course(2));
        f.clock.advance(Duration.ofMinutes(15));
        assertEquals(2, f.scheduler.heldBack("gpu-t4"));
        assertInstanceOf(Decision.Started.class, f.submit(f.ask("fay", Tiers.FREE, "gpu-t4")));
        // One slot left, held for the course: even a paying user waits.
        assertInstanceOf(Decision.Queued.class, f.submit(f.ask("pam", Tiers.PRO_PLUS, "gpu-t4")));
    }

    @Test
    void aClaimStartsAheadOfTheQueueAndReducesWhatIsHeld() {
        SchedulerFixture f = new SchedulerFixture(2);
        f.scheduler.addReservation(course(2));
        f.clock.advance(Duration.ofMinutes(20));
        StartRequest waiting = f.ask("pam", Tiers.PRO_PLUS, "gpu-t4");
        assertInstanceOf(Decision.Queued.class, f.submit(waiting));
        Decision claim = f.submit(f.claim("stu1", Tiers.COURSE, "gpu-t4", "res-1"));
        assertInstanceOf(Decision.Started.class, claim);
        assertEquals(1, f.scheduler.heldBack("gpu-t4"));
        assertEquals(1, f.scheduler.position(waiting.id()).orElseThrow());
    }

    @Test
    void aClaimWhenAllIsTakenWaitsFirstInLine() {
        SchedulerFixture f = new SchedulerFixture(1);
        String holder = f.fillT4(1).get(0);
        f.scheduler.addReservation(course(1));
        f.clock.advance(Duration.ofMinutes(14));
        StartRequest paid = f.ask("pam", Tiers.PRO_PLUS, "gpu-t4");
        f.submit(paid);
        StartRequest claim = f.claim("stu1", Tiers.COURSE, "gpu-t4", "res-1");
        assertEquals(1, assertInstanceOf(Decision.Queued.class, f.submit(claim)).position());
        f.scheduler.release(holder);
        Dispatch dispatch = f.scheduler.dispatch();
        assertEquals(claim.id(), dispatch.started().get(0).requestId());
    }

    @Test
    void unclaimedRuntimesGoBackAfterTheGracePeriod() {
        SchedulerFixture f = new SchedulerFixture(2);
        f.fillT4(1);
        f.scheduler.addReservation(course(1));
        f.clock.advance(Duration.ofMinutes(14));
        StartRequest waiting = f.ask("fay", Tiers.FREE, "gpu-t4");
        assertInstanceOf(Decision.Queued.class, f.submit(waiting));
        f.clock.advance(Duration.ofMinutes(14)); // 09:29, within the 15 minutes' grace
        assertTrue(f.scheduler.dispatch().started().isEmpty());
        f.clock.advance(Duration.ofMinutes(1)); // 09:30: grace over
        assertEquals(0, f.scheduler.heldBack("gpu-t4"));
        assertEquals(waiting.id(), f.scheduler.dispatch().started().get(0).requestId());
    }

    @Test
    void aClaimAfterGraceStillStartsWhileRuntimesAreFree() {
        SchedulerFixture f = new SchedulerFixture(2);
        f.scheduler.addReservation(course(1));
        f.clock.advance(Duration.ofMinutes(45));
        assertInstanceOf(Decision.Started.class, f.submit(f.claim("stu1", Tiers.COURSE, "gpu-t4", "res-1")));
        assertEquals(1, f.scheduler.running("r0").map(r -> r.claimedReservation() == null ? 0 : 1).orElseThrow());
    }

    @Test
    void firstComeFirstServedHoldsNothingBack() {
        SchedulerFixture f = new SchedulerFixture(1, SchedulerPolicy.firstComeFirstServed());
        f.scheduler.addReservation(course(1));
        f.clock.advance(Duration.ofMinutes(15));
        assertEquals(0, f.scheduler.heldBack("gpu-t4"));
        assertInstanceOf(Decision.Started.class, f.submit(f.ask("fay", Tiers.FREE, "gpu-t4")));
    }
}
