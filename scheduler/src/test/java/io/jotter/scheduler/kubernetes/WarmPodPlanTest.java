package io.jotter.scheduler.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jotter.scheduler.kubernetes.KubernetesBackend.WarmPod;
import io.jotter.scheduler.runtime.RuntimeHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How many warm pods each type keeps: its target, within the slots its runtimes leave free. */
class WarmPodPlanTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    @Test
    void aTypeIsFilledUpToItsTargetCountingPodsStillStartingOnce() {
        // Two ready, one being started (already created, so listed too): two more make five.
        WarmPodPlan plan = WarmPodPlan.of(Map.of("cpu", 5), Map.of("cpu", 100), Map.of("cpu", 10),
                List.of(pod("a", "cpu", true), pod("b", "cpu", true), pod("c", "cpu", false)),
                Map.of("cpu", Set.of("c")), NOW, READY_WITHIN);
        assertEquals(Map.of("cpu", 2), plan.toStart());
        assertEquals(List.of(), plan.toRemove());
    }

    @Test
    void warmPodsTakeOnlyFreeSlotsSoAClaimNeverCountsTwice() {
        // 8 slots, 6 runtimes: at most 2 warm pods. A claim makes 7 runtimes and 1 warm pod: still 8.
        WarmPodPlan full = WarmPodPlan.of(Map.of("gpu-t4", 4), Map.of("gpu-t4", 8), Map.of("gpu-t4", 6),
                List.of(), Map.of(), NOW, READY_WITHIN);
        assertEquals(Map.of("gpu-t4", 2), full.toStart());
        WarmPodPlan afterClaim = WarmPodPlan.of(Map.of("gpu-t4", 4), Map.of("gpu-t4", 8), Map.of("gpu-t4", 7),
                List.of(pod("a", "gpu-t4", true)), Map.of(), NOW, READY_WITHIN);
        assertEquals(Map.of(), afterClaim.toStart());
        assertEquals(List.of(), afterClaim.toRemove());
    }

    @Test
    void whenRuntimesFillTheSlotsTheSurplusGoesStartingOnesFirst() {
        WarmPodPlan plan = WarmPodPlan.of(Map.of("cpu", 3), Map.of("cpu", 10), Map.of("cpu", 9),
                List.of(new WarmPod(handle("old", NOW.minusSeconds(600)), "cpu", true, true),
                        pod("starting", "cpu", false),
                        new WarmPod(handle("young", NOW.minusSeconds(60)), "cpu", true, true)),
                Map.of(), NOW, READY_WITHIN);
        assertEquals(Map.of(), plan.toStart());
        assertEquals(List.of("starting", "young"), ids(plan.toRemove()), "one slot free: the oldest ready one stays");
    }

    @Test
    void deadPodsLatePodsAndPodsOfATypeNoLongerConfiguredAreRemoved() {
        WarmPod dead = new WarmPod(handle("dead", NOW), "cpu", true, false);
        WarmPod late = new WarmPod(handle("late", NOW.minus(Duration.ofMinutes(4))), "cpu", false, true);
        WarmPod young = new WarmPod(handle("young", NOW.minus(Duration.ofMinutes(1))), "cpu", false, true);
        WarmPod unwanted = pod("unwanted", "gpu-a100", true);
        WarmPodPlan plan = WarmPodPlan.of(Map.of("cpu", 2), Map.of("cpu", 10, "gpu-a100", 2), Map.of(),
                List.of(dead, late, young, unwanted), Map.of(), NOW, READY_WITHIN);
        assertEquals(Set.of("unwanted", "dead", "late"), Set.copyOf(ids(plan.toRemove())));
        assertEquals(Map.of("cpu", 1), plan.toStart(), "the young one counts; one more makes two");
    }

    @Test
    void aTypeWithNoFreeSlotOrNoCapacityGetsNone() {
        WarmPodPlan plan = WarmPodPlan.of(Map.of("cpu", 2, "tpu-v5e-1", 1), Map.of("cpu", 4), Map.of("cpu", 5),
                List.of(), Map.of(), NOW, READY_WITHIN);
        assertEquals(Map.of(), plan.toStart());
    }

    private static WarmPod pod(String id, String type, boolean ready) {
        return new WarmPod(handle(id, NOW.minusSeconds(30)), type, ready, true);
    }

    private static RuntimeHandle handle(String id, Instant startedAt) {
        return new RuntimeHandle(id, null, KernelPodSpec.podName(id), startedAt);
    }

    private static List<String> ids(List<WarmPod> pods) {
        return pods.stream().map(p -> p.handle().runtimeId()).toList();
    }
}
