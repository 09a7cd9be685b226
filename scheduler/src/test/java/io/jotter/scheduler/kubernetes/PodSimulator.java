package io.jotter.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the scheduler and the kubelet for the mock API server: each new kernel pod is moved through its phases as
 * its runtime's {@link Outcome} says (by default scheduled, then running with an IP of its own), by writing the pod's
 * status as a real cluster would.
 */
final class PodSimulator implements AutoCloseable {
    /** What happens to a runtime's pod. */
    enum Outcome {
        /** Scheduled, container creating, then running. */
        RUNS,
        /** Never scheduled: no node has room. */
        UNSCHEDULABLE,
        /** Unschedulable for a moment, then a node appears (a cluster autoscaler) and it runs. */
        UNSCHEDULABLE_THEN_RUNS,
        /** Scheduled, but its image cannot be pulled. */
        IMAGE_PULL_BACK_OFF,
        /** Scheduled, and stays creating its container. */
        STAYS_PENDING
    }

    static final String NO_ROOM = "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.";

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger addresses = new AtomicInteger(10);
    // One thread, so a pod's steps happen in order and after the watch event that started them.
    private final ExecutorService steps = Executors.newSingleThreadExecutor();
    private final Watch watch;

    PodSimulator(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.watch = client.pods().inNamespace(namespace).withLabel(KernelPodSpec.APP_LABEL, KernelPodSpec.APP)
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Pod pod) {
                        if (action == Action.ADDED) {
                            steps.execute(() -> play(pod));
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
    }

    /** What the pod of this runtime will do. */
    void will(String runtimeId, Outcome outcome) {
        outcomes.put(runtimeId, outcome);
    }

    private void play(Pod pod) {
        String name = pod.getMetadata().getName();
        Outcome outcome = outcomes.getOrDefault(PodStates.runtimeId(pod), Outcome.RUNS);
        switch (outcome) {
            case RUNS -> {
                status(name, creating(null));
                status(name, running());
            }
            case UNSCHEDULABLE -> status(name, unschedulable());
            case UNSCHEDULABLE_THEN_RUNS -> {
                status(name, unschedulable());
                pause(700);
                status(name, creating(null));
                status(name, running());
            }
            case IMAGE_PULL_BACK_OFF -> {
                status(name, creating(null));
                status(name, creating("ImagePullBackOff"));
            }
            case STAYS_PENDING -> status(name, creating(null));
        }
    }

    /** The kernel of a running runtime ends, as the kubelet reports it: OOM-killed, or exited with a status. */
    void terminate(String podName, String reason, int exitCode) {
        terminate(podName, reason, exitCode, null);
    }

    /** As a kubelet reports a container that ended, with what it wrote to its termination log. */
    void terminate(String podName, String reason, int exitCode, String message) {
        status(podName, new PodStatusBuilder().withPhase("Failed").withConditions(scheduled())
                .withPodIP(ip(podName)).withContainerStatuses(new ContainerStatusBuilder().withName("kernel")
                        .withReady(false).withNewState().withNewTerminated().withReason(reason)
                        .withExitCode(exitCode).withMessage(message).endTerminated().endState().build())
                .build());
    }

    private void status(String podName, PodStatus status) {
        try {
            client.pods().inNamespace(namespace).withName(podName).editStatus(pod -> {
                pod.setStatus(status);
                return pod;
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            // deleted meanwhile, as a kubelet would find it
        }
    }

    private static PodStatus unschedulable() {
        return new PodStatusBuilder().withPhase("Pending").withConditions(new PodConditionBuilder()
                .withType("PodScheduled").withStatus("False").withReason("Unschedulable").withMessage(NO_ROOM)
                .build()).build();
    }

    private static PodStatus creating(String problem) {
        String reason = problem == null ? "ContainerCreating" : problem;
        String message = problem == null ? null
                : "Back-off pulling image \"ghcr.io/jotter/kernel:missing\"";
        return new PodStatusBuilder().withPhase("Pending").withConditions(scheduled())
                .withContainerStatuses(new ContainerStatusBuilder().withName("kernel").withReady(false)
                        .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting()
                        .endState().build())
                .build();
    }

    private PodStatus running() {
        return new PodStatusBuilder().withPhase("Running").withConditions(scheduled())
                .withPodIP("10.8.0." + addresses.incrementAndGet())
                .withContainerStatuses(new ContainerStatusBuilder().withName("kernel").withReady(true)
                        .withNewState().withNewRunning().endRunning().endState().build())
                .build();
    }

    private String ip(String podName) {
        Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
        return pod == null || pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    }

    private static List<PodCondition> scheduled() {
        return List.of(new PodConditionBuilder().withType("PodScheduled").withStatus("True").build());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        watch.close();
        steps.shutdownNow();
        try {
            steps.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
