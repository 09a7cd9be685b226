package io.jotter.scheduler.kubernetes;

import io.jotter.scheduler.kubernetes.KubernetesBackend.WarmPod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the cluster's warm pods need at one moment: how many to start per runtime type, and which to remove.
 *
 * <p>A warm pod is not a runtime: it is not in the pool's count of runtimes in use, and it becomes one (counted
 * once) only when claimed, when it stops being warm. So that the pods of a type never take more of the type's
 * slots than are free, a type keeps {@code min(target, capacity - in use)} warm pods; a runtime admitted into the
 * last free slots finds one of them to claim, and where the slots fill up otherwise, the surplus warm pods are
 * removed (starting ones first, ready ones last) and give their nodes back. Dead pods, and pods whose kernel did not
 * answer within {@code readyWithin} of their start, are removed too; a type no longer configured keeps none.
 *
 * @param toStart warm pods to start now, by type
 * @param toRemove warm pods to delete now
 */
public record WarmPodPlan(Map<String, Integer> toStart, List<WarmPod> toRemove) {
    public WarmPodPlan {
        toStart = Map.copyOf(toStart);
        toRemove = List.copyOf(toRemove);
    }

    /**
     * @param targets warm pods wanted per type (configuration)
     * @param capacity the cluster's slots per type
     * @param inUse runtimes admitted and not ended, per type
     * @param warm the warm pods there are (claimed ones are runtimes, not among them)
     * @param starting warm pods being started now by type (their ids), some perhaps already among {@code warm}
     * @param now the time, to find pods that never became ready
     * @param readyWithin how long a warm pod's kernel may take to answer
     */
    public static WarmPodPlan of(Map<String, Integer> targets, Map<String, Integer> capacity,
                                 Map<String, Integer> inUse, List<WarmPod> warm, Map<String, Set<String>> starting,
                                 Instant now, Duration readyWithin) {
        Set<String> types = new TreeSet<>(targets.keySet());
        warm.forEach(pod -> types.add(pod.type()));
        Map<String, Integer> toStart = new TreeMap<>();
        List<WarmPod> toRemove = new ArrayList<>();
        for (String type : types) {
            Set<String> inFlight = starting.getOrDefault(type, Set.of());
            List<WarmPod> kept = new ArrayList<>();
            for (WarmPod pod : warm) {
                if (!type.equals(pod.type()) || inFlight.contains(pod.handle().runtimeId())) {
                    continue;
                }
                boolean late = !pod.ready() && pod.handle().startedAt().plus(readyWithin).isBefore(now);
                if (!pod.alive() || late) {
                    toRemove.add(pod);
                } else {
                    kept.add(pod);
                }
            }
            int free = capacity.getOrDefault(type, 0) - inUse.getOrDefault(type, 0);
            int want = Math.max(0, Math.min(targets.getOrDefault(type, 0), free));
            int have = kept.size() + inFlight.size();
            if (have < want) {
                toStart.put(type, want - have);
            }
            // Surplus: starting pods go before ready ones, the youngest first.
            kept.sort(Comparator.comparing(WarmPod::ready).thenComparing(pod -> pod.handle().startedAt(),
                    Comparator.reverseOrder()));
            for (int i = 0; i < Math.min(kept.size(), have - want); i++) {
                toRemove.add(kept.get(i));
            }
        }
        return new WarmPodPlan(toStart, toRemove);
    }
}
