package io.jotter.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jotter.scheduler.kubernetes.KernelPodState.Phase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Follows this installation's kernel pods through one watch (a fabric8 informer: list, then watch, re-listing after
 * a lost connection) and keeps each runtime's {@link KernelPodState}. Cheap to ask: answers come from memory.
 */
final class PodPhaseWatcher implements AutoCloseable {
    private static final long RECHECK_MILLIS = 200;

    private final Clock clock;
    private final Map<String, KernelPodState> states = new ConcurrentHashMap<>();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final List<Consumer<KernelPodState>> listeners = new CopyOnWriteArrayList<>();
    private final SharedIndexInformer<Pod> informer;

    /** Lists the pods and starts watching; returns once the first list is in. */
    PodPhaseWatcher(KubernetesClient client, String namespace, Map<String, String> selector, Clock clock) {
        this.clock = clock;
        this.informer = client.pods().inNamespace(namespace).withLabels(selector).inform(new Handler(), 0);
        // The informer's store is complete now; its handler may not have run for every pod yet.
        informer.getStore().list().forEach(pod -> seen(pod, false));
    }

    /** The runtime's latest state; empty if its pod was never seen or is forgotten. */
    Optional<KernelPodState> state(String runtimeId) {
        return Optional.ofNullable(states.get(runtimeId));
    }

    /** Calls {@code listener} on every change of any runtime's state, on the watch's thread. */
    void onChange(Consumer<KernelPodState> listener) {
        listeners.add(listener);
    }

    /**
     * Waits until the runtime's state satisfies {@code done}.
     *
     * @return the state that did, or empty when {@code within} ran out first
     */
    Optional<KernelPodState> await(String runtimeId, Predicate<KernelPodState> done, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (this) {
            while (true) {
                KernelPodState state = states.get(runtimeId);
                if (state != null && done.test(state)) {
                    return Optional.of(state);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                // Woken on every change; also now and then, for predicates that read the clock.
                wait(Math.max(1, Math.min(RECHECK_MILLIS, left / 1_000_000)));
            }
        }
    }

    /** Whether the runtime's pod has been deleted for good (not merely asked to stop). */
    boolean isGone(String runtimeId) {
        return gone.contains(runtimeId) || !states.containsKey(runtimeId);
    }

    /** Drops a runtime whose pod and Secret are gone. */
    void forget(String runtimeId) {
        states.remove(runtimeId);
        gone.remove(runtimeId);
    }

    private synchronized void seen(Pod pod, boolean deleted) {
        KernelPodState now = PodStates.of(pod, clock.instant());
        KernelPodState before = states.get(now.runtimeId());
        boolean earlierPod = before != null && !Objects.equals(before.podUid(), now.podUid());
        if (earlierPod && (deleted || now.phase() == Phase.DELETED)) {
            return; // the last words of an earlier pod of this runtime id, already replaced
        }
        if (deleted) {
            now = new KernelPodState(now.runtimeId(), now.podName(), now.podUid(), Phase.DELETED,
                    "The runtime was deleted.", null, now.since());
            gone.add(now.runtimeId());
        } else {
            gone.remove(now.runtimeId());
        }
        if (now.sameAs(before)) {
            return;
        }
        // Time in a state counts from when it was first seen (the unschedulable grace reads it).
        KernelPodState next = before != null && before.phase() == now.phase() ? now.withSince(before.since()) : now;
        states.put(next.runtimeId(), next);
        notifyAll();
        listeners.forEach(listener -> listener.accept(next));
    }

    @Override
    public void close() {
        informer.close();
    }

    private final class Handler implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            seen(pod, false);
        }

        @Override
        public void onUpdate(Pod before, Pod after) {
            seen(after, false);
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            seen(pod, true);
        }
    }
}
