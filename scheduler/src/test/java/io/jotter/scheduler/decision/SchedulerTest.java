package io.jotter.scheduler.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.quota.admission.Usage;
import io.jotter.quota.tiers.Tier;
import io.jotter.quota.tiers.Tiers;
import io.jotter.scheduler.queue.StartRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    @Test
    void startsAtOnceWhenASlotIsFree() {
        SchedulerFixture f = new SchedulerFixture(2);
        Decision decision = f.submit(f.ask("ada", Tiers.FREE, "gpu-t4"));
        Decision.Started started = assertInstanceOf(Decision.Started.class, decision);
        assertEquals("t4-a", started.placement().node());
        assertEquals(Duration.ofHours(12), started.admission().maxRuntime());
        assertEquals(SchedulerFixture.MONDAY_9, started.at());
    }

    @Test
    void waitsWhenFullWithItsPositionAndAnEstimate() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.fillT4(1);
        Decision.Queued first = assertInstanceOf(Decision.Queued.class, f.submit(f.ask("bo", Tiers.FREE, "gpu-t4")));
        Decision.Queued second = assertInstanceOf(Decision.Queued.class, f.submit(f.ask("cy", Tiers.FREE, "gpu-t4")));
        assertEquals(1, first.position());
        assertEquals(2, second.position());
        assertTrue(first.estimatedStart().isAfter(f.clock.instant()));
        assertTrue(second.estimatedStart().isAfter(first.estimatedStart()));
    }

    @Test
    void paidGoesBeforeCourseBeforeFree() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.fillT4(1);
        StartRequest free = f.ask("fay", Tiers.FREE, "gpu-t4");
        StartRequest course = f.ask("cal", Tiers.COURSE, "gpu-t4");
        StartRequest pro = f.ask("pat", Tiers.PRO, "gpu-t4");
        StartRequest plus = f.ask("pam", Tiers.PRO_PLUS, "gpu-t4");
        List.of(free, course, pro, plus).forEach(f::submit);
        assertEquals(1, f.scheduler.position(plus.id()).orElseThrow());
        assertEquals(2, f.scheduler.position(pro.id()).orElseThrow());
        assertEquals(3, f.scheduler.position(course.id()).orElseThrow());
        assertEquals(4, f.scheduler.position(free.id()).orElseThrow());
    }

    @Test
    void withinATierLessRecentUseGoesFirstThenArrival() {
        SchedulerFixture f = new SchedulerFixture(1);
        String heavy = f.fillT4(1).get(0); // filler0 used the GPU for an hour
        f.clock.advance(Duration.ofMinutes(59));
        f.scheduler.release(heavy);
        f.fillT4(1); // another filler holds the slot again
        StartRequest again = f.ask("filler0", Tiers.FREE, "gpu-t4");
        StartRequest newcomer = f.ask("nia", Tiers.FREE, "gpu-t4");
        StartRequest later = f.ask("ozzy", Tiers.FREE, "gpu-t4");
        List.of(again, newcomer, later).forEach(f::submit);
        assertEquals(1, f.scheduler.position(newcomer.id()).orElseThrow());
        assertEquals(2, f.scheduler.position(later.id()).orElseThrow());
        assertEquals(3, f.scheduler.position(again.id()).orElseThrow());
    }

    @Test
    void aRuntimeStoppingMovesItsUsersWaitingRequestsBack() {
        SchedulerFixture f = new SchedulerFixture(2);
        String mine = f.fillT4(2).get(0);
        StartRequest waitingMine = f.ask("filler0", Tiers.FREE, "gpu-t4");
        StartRequest other = f.ask("uma", Tiers.FREE, "gpu-t4");
        f.submit(waitingMine);
        f.submit(other);
        assertEquals(1, f.scheduler.position(waitingMine.id()).orElseThrow());
        f.scheduler.release(mine); // filler0 is charged two minutes of GPU
        Dispatch dispatch = f.scheduler.dispatch();
        assertEquals(other.id(), dispatch.started().get(0).requestId());
        assertEquals(1, f.scheduler.position(waitingMine.id()).orElseThrow());
    }

    @Test
    void firstComeFirstServedIgnoresTiersAndUse() {
        SchedulerFixture f = new SchedulerFixture(1, SchedulerPolicy.firstComeFirstServed());
        f.fillT4(1);
        StartRequest free = f.ask("fay", Tiers.FREE, "gpu-t4");
        StartRequest plus = f.ask("pam", Tiers.PRO_PLUS, "gpu-t4");
        f.submit(free);
        f.submit(plus);
        assertEquals(1, f.scheduler.position(free.id()).orElseThrow());
        assertEquals(2, f.scheduler.position(plus.id()).orElseThrow());
        assertTrue(f.scheduler.dispatch().preemptions().isEmpty());
    }

    @Test
    void aReleaseLetsTheHeadStartAndMovesEveryoneUp() {
        SchedulerFixture f = new SchedulerFixture(1);
        String holder = f.fillT4(1).get(0);
        StartRequest first = f.ask("bo", Tiers.FREE, "gpu-t4");
        StartRequest second = f.ask("cy", Tiers.FREE, "gpu-t4");
        f.submit(first);
        f.submit(second);
        assertTrue(f.scheduler.dispatch().started().isEmpty());
        f.clock.advance(Duration.ofMinutes(30));
        f.scheduler.release(holder);
        Dispatch dispatch = f.scheduler.dispatch();
        assertEquals(List.of(first.id()), dispatch.started().stream().map(Decision.Started::requestId).toList());
        assertEquals(f.clock.instant(), dispatch.started().get(0).at());
        assertEquals(1, f.scheduler.position(second.id()).orElseThrow());
        assertFalse(f.scheduler.position(first.id()).isPresent());
        assertTrue(f.scheduler.running(first.id()).isPresent());
    }

    @Test
    void theEstimateComesCloserAsTimePassesAndLearnsLengths() {
        SchedulerFixture f = new SchedulerFixture(1);
        // Teach the estimator that T4 runtimes last 40 minutes.
        for (int i = 0; i < 60; i++) {
            String id = f.fillT4(1).get(0);
            f.clock.advance(Duration.ofMinutes(39));
            f.scheduler.release(id);
        }
        f.fillT4(1);
        StartRequest waiting = f.ask("bo", Tiers.FREE, "gpu-t4");
        Instant asked = f.clock.instant();
        Decision.Queued queued = (Decision.Queued) f.submit(waiting);
        long minutes = Duration.between(asked, queued.estimatedStart()).toMinutes();
        assertTrue(minutes >= 35 && minutes <= 41, "about 39 minutes left, estimated " + minutes);
        f.clock.advance(Duration.ofMinutes(20));
        long later = Duration.between(f.clock.instant(), f.scheduler.estimatedStart(waiting.id()).orElseThrow())
                .toMinutes();
        assertTrue(later >= 15 && later <= 21, "about 19 minutes left, estimated " + later);
    }

    @Test
    void cancelLeavesTheQueue() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.fillT4(1);
        StartRequest first = f.ask("bo", Tiers.FREE, "gpu-t4");
        StartRequest second = f.ask("cy", Tiers.FREE, "gpu-t4");
        f.submit(first);
        f.submit(second);
        assertTrue(f.scheduler.cancel(first.id()));
        assertFalse(f.scheduler.cancel(first.id()));
        assertEquals(1, f.scheduler.position(second.id()).orElseThrow());
        assertEquals(1, f.scheduler.waiting("gpu-t4"));
    }

    @Test
    void quotaRefusesAtOnceWithTheReasonAndRemedy() {
        SchedulerFixture f = new SchedulerFixture(4);
        Decision.Refused tier = assertInstanceOf(Decision.Refused.class, f.submit(f.ask("fay", Tiers.FREE, "gpu-a100")));
        assertEquals(Decision.Reason.TIER, tier.reason());
        assertTrue(tier.remedy().contains("gpu-t4"));

        f.usage.put("two", new Usage(2, BigDecimal.ZERO, BigDecimal.ZERO, Duration.ZERO, 0));
        Decision.Refused busy = assertInstanceOf(Decision.Refused.class, f.submit(f.ask("two", Tiers.FREE, "gpu-t4")));
        assertEquals(Decision.Reason.CONCURRENCY, busy.reason());

        f.usage.put("spent", new Usage(0, BigDecimal.ZERO, BigDecimal.ZERO, Duration.ofHours(30), 0));
        Decision.Refused spent = assertInstanceOf(Decision.Refused.class, f.submit(f.ask("spent", Tiers.FREE, "gpu-t4")));
        assertEquals(Decision.Reason.QUOTA, spent.reason());
        assertEquals(Tier.nextRenewal(f.clock.instant()), spent.retryAt());
        assertNotNull(spent.message());
        assertEquals(0, f.scheduler.waiting("gpu-t4"));
    }

    @Test
    void quotaIsCheckedAgainWhenTheTurnComes() {
        SchedulerFixture f = new SchedulerFixture(1);
        String holder = f.fillT4(1).get(0);
        StartRequest waiting = f.ask("pat", Tiers.PRO, "gpu-t4");
        f.submit(waiting);
        f.usage.put("pat", new Usage(0, new BigDecimal("0.05"), BigDecimal.ZERO, Duration.ZERO, 0));
        f.scheduler.release(holder);
        Dispatch dispatch = f.scheduler.dispatch();
        assertTrue(dispatch.started().isEmpty());
        assertEquals(Decision.Reason.QUOTA, dispatch.refused().get(0).reason());
        assertEquals(0, f.scheduler.waiting("gpu-t4"));
    }

    @Test
    void aTypeWithoutNodesIsRefusedForCapacityNotQueued() {
        SchedulerFixture f = new SchedulerFixture(1);
        Decision.Refused refused = assertInstanceOf(Decision.Refused.class,
                f.submit(f.ask("pam", Tiers.PRO_PLUS, "gpu-h100")));
        assertEquals(Decision.Reason.CAPACITY, refused.reason());
        assertTrue(refused.remedy().contains("Change runtime type"));
        assertEquals(0, f.scheduler.waiting("gpu-h100"));
    }
}
