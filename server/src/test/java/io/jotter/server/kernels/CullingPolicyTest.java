package io.jotter.server.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CullingPolicyTest {
    private static final Instant START = Instant.parse("2026-11-27T09:00:00Z");
    private static final RuntimeTerms FREE = new RuntimeTerms("cpu", false, Duration.ofMinutes(90), Duration.ofHours(12));
    private final CullingPolicy policy = new CullingPolicy(false);

    private static KernelActivity idleSince(Instant when) {
        KernelActivity activity = new KernelActivity(START);
        activity.stateReported(KernelActivity.IDLE, when);
        return activity;
    }

    @Test
    void anIdleKernelRunsUntilTheTimeoutAndIsCulledAfter() {
        KernelActivity activity = idleSince(START.plusSeconds(60));
        assertEquals(Optional.empty(), policy.reasonToStop(activity, FREE, START.plus(Duration.ofMinutes(90))));
        assertEquals(Optional.of("the runtime was idle for 90 min"),
                policy.reasonToStop(activity, FREE, START.plus(Duration.ofMinutes(92))));
    }

    @Test
    void aLongTrainingCellIsNeverIdleHoweverQuietItsOutput() {
        KernelActivity activity = new KernelActivity(START);
        activity.stateReported(KernelActivity.BUSY, START.plusSeconds(1));
        assertEquals(Optional.empty(), policy.reasonToStop(activity, FREE, START.plus(Duration.ofHours(11))));
    }

    @Test
    void aConnectedKernelIsCulledOnlyWhenThePolicySaysSo() {
        KernelActivity activity = idleSince(START);
        activity.connected();
        Instant later = START.plus(Duration.ofHours(3));
        assertEquals(Optional.empty(), policy.reasonToStop(activity, FREE, later));
        CullingPolicy strict = new CullingPolicy(true);
        assertTrue(strict.reasonToStop(activity, FREE, later).isPresent());
    }

    @Test
    void theMaximumLifetimeStopsEvenABusyKernelAndRestartsDoNotExtendIt() {
        KernelActivity activity = new KernelActivity(START);
        activity.restarting();
        activity.restarted(START.plus(Duration.ofHours(11)));
        activity.stateReported(KernelActivity.BUSY, START.plus(Duration.ofHours(11)));
        assertEquals(Optional.of("the runtime reached its maximum lifetime of 12 h"),
                policy.reasonToStop(activity, FREE, START.plus(Duration.ofHours(12))));
    }

    @Test
    void zeroTurnsEachLimitOff() {
        RuntimeTerms unlimited = new RuntimeTerms("cpu", false, Duration.ZERO, Duration.ZERO);
        assertEquals(Optional.empty(), new CullingPolicy(true).reasonToStop(idleSince(START), unlimited,
                START.plus(Duration.ofDays(30))));
    }

    @Test
    void aConnectedUserIsWarnedBeforeTheLifetimeEndsAndNotAfter() {
        KernelActivity activity = new KernelActivity(START);
        activity.stateReported(KernelActivity.BUSY, START.plusSeconds(1));
        activity.connected();
        Duration lead = Duration.ofMinutes(5);
        assertEquals(Optional.empty(), policy.warning(activity, FREE, START.plus(Duration.ofHours(11)), lead));
        assertEquals(Optional.of("this runtime will stop within 5 min: the runtime will reach its maximum lifetime "
                + "of 12 h. Your notebook is saved first"),
                policy.warning(activity, FREE, START.plus(Duration.ofHours(12)).minus(Duration.ofMinutes(4)), lead));
        assertEquals(Optional.empty(), policy.warning(activity, FREE, START.plus(Duration.ofHours(12)), lead),
                "past the limit it stops; no warning");
    }

    @Test
    void theTiersIdleTimeoutIsTheKernelsOwn() {
        RuntimeTerms pro = new RuntimeTerms("gpu-a100", true, Duration.ofHours(3), Duration.ofHours(24));
        KernelActivity activity = idleSince(START);
        Instant twoHours = START.plus(Duration.ofHours(2));
        assertTrue(policy.reasonToStop(activity, FREE, twoHours).isPresent());
        assertEquals(Optional.empty(), policy.reasonToStop(activity, pro, twoHours));
    }

    @Test
    void aDeadKernelNotRestartedIsGivenBackAfterTenMinutesEvenWithTheTabOpen() {
        KernelActivity activity = idleSince(START);
        activity.connected();
        activity.died();
        assertEquals(Optional.empty(), policy.reasonToStop(activity, FREE, START.plus(Duration.ofMinutes(9))));
        assertEquals(Optional.of("the kernel died and was not restarted within 10 min, so its runtime was given back"),
                policy.reasonToStop(activity, FREE, START.plus(Duration.ofMinutes(10))));
    }
}
