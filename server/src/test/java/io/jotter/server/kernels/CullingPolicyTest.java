package io.jotter.server.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CullingPolicyTest {
    private static final Instant START = Instant.parse("2026-11-27T09:00:00Z");
    private final CullingPolicy policy = new CullingPolicy(Duration.ofMinutes(90), false, Duration.ofHours(12));

    private static KernelActivity idleSince(Instant when) {
        KernelActivity activity = new KernelActivity(START);
        activity.stateReported(KernelActivity.IDLE, when);
        return activity;
    }

    @Test
    void anIdleKernelRunsUntilTheTimeoutAndIsCulledAfter() {
        KernelActivity activity = idleSince(START.plusSeconds(60));
        assertEquals(Optional.empty(), policy.reasonToStop(activity, START.plus(Duration.ofMinutes(90))));
        assertEquals(Optional.of("the runtime was idle for 90 min"),
                policy.reasonToStop(activity, START.plus(Duration.ofMinutes(92))));
    }

    @Test
    void aLongTrainingCellIsNeverIdleHoweverQuietItsOutput() {
        KernelActivity activity = new KernelActivity(START);
        activity.stateReported(KernelActivity.BUSY, START.plusSeconds(1));
        assertEquals(Optional.empty(), policy.reasonToStop(activity, START.plus(Duration.ofHours(11))));
    }

    @Test
    void aConnectedKernelIsCulledOnlyWhenThePolicySaysSo() {
        KernelActivity activity = idleSince(START);
        activity.connected();
        Instant later = START.plus(Duration.ofHours(3));
        assertEquals(Optional.empty(), policy.reasonToStop(activity, later));
        CullingPolicy strict = new CullingPolicy(Duration.ofMinutes(90), true, Duration.ofHours(12));
        assertTrue(strict.reasonToStop(activity, later).isPresent());
    }

    @Test
    void theMaximumLifetimeStopsEvenABusyKernelAndRestartsDoNotExtendIt() {
        KernelActivity activity = new KernelActivity(START);
        activity.restarting();
        activity.restarted(START.plus(Duration.ofHours(11)));
        activity.stateReported(KernelActivity.BUSY, START.plus(Duration.ofHours(11)));
        assertEquals(Optional.of("the runtime reached its maximum lifetime of 12 h"),
                policy.reasonToStop(activity, START.plus(Duration.ofHours(12))));
    }

    @Test
    void zeroTurnsEachLimitOff() {
        CullingPolicy never = new CullingPolicy(Duration.ZERO, true, Duration.ZERO);
        assertEquals(Optional.empty(), never.reasonToStop(idleSince(START), START.plus(Duration.ofDays(30))));
    }
}
