package io.jotter.scheduler.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.quota.tiers.Tiers;
import io.jotter.scheduler.queue.StartRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerPreemptionTest {

    @Test
    void aPayingUserWaitingTakesBackTheNewestFreeRuntimeWithGrace() {
        SchedulerFixture f = new SchedulerFixture(3);
        List<String> free = f.fillT4(3);
        StartRequest paid = f.ask("pam", Tiers.PRO, "gpu-t4");
        f.submit(paid);
        Dispatch dispatch = f.scheduler.dispatch();
        assertEquals(1, dispatch.preemptions().size());
        Preemption preemption = dispatch.preemptions().get(0);
        assertEquals(free.get(2), preemption.runtimeId());
        assertEquals("filler2", preemption.user());
        assertEquals(f.clock.instant().plus(Duration.ofMinutes(2)), preemption.graceUntil());
        assertTrue(preemption.message().contains("saved"));
        // Asked again, it does not preempt a second runtime for the same request.
        assertTrue(f.scheduler.dispatch().preemptions().isEmpty());

        f.clock.advance(Duration.ofMinutes(2));
        f.scheduler.release(preemption.runtimeId());
        assertEquals(paid.id(), f.scheduler.dispatch().started().get(0).requestId());
    }

    @Test
    void oneVictimPerPayingRequestNoMore() {
        SchedulerFixture f = new SchedulerFixture(4);
        f.fillT4(4);
        f.submit(f.ask("pat", Tiers.PRO, "gpu-t4"));
        f.submit(f.ask("pam", Tiers.PRO_PLUS, "gpu-t4"));
        f.submit(f.ask("fay", Tiers.FREE, "gpu-t4"));
        List<Preemption> preemptions = f.scheduler.dispatch().preemptions();
        assertEquals(List.of("r3", "r2"), preemptions.stream().map(Preemption::runtimeId).toList());
    }

    @Test
    void freeAndCourseUsersWaitingPreemptNobody() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.fillT4(1);
        f.submit(f.ask("cal", Tiers.COURSE, "gpu-t4"));
        f.submit(f.ask("fay", Tiers.FREE, "gpu-t4"));
        assertTrue(f.scheduler.dispatch().preemptions().isEmpty());
    }

    @Test
    void courseAndReservedRuntimesAreNotTaken() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.submit(f.ask("cal", Tiers.COURSE, "gpu-t4"));
        f.submit(f.ask("pam", Tiers.PRO_PLUS, "gpu-t4"));
        assertTrue(f.scheduler.dispatch().preemptions().isEmpty());
    }

    @Test
    void noPreemptionUnderFirstComeFirstServed() {
        SchedulerFixture f = new SchedulerFixture(1, SchedulerPolicy.firstComeFirstServed());
        f.fillT4(1);
        f.submit(f.ask("pam", Tiers.PRO_PLUS, "gpu-t4"));
        assertTrue(f.scheduler.dispatch().preemptions().isEmpty());
    }
}
