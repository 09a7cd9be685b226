package io.jotter.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.jotter.kernel.protocol.NoGpuExit;
import io.jotter.scheduler.kubernetes.KernelPodState.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a kernel pod's status as a {@link KernelPodState}. Kubernetes keeps retrying an unschedulable pod and an
 * image it cannot pull for ever; a user should not wait that out, so each has a phase of its own the moment it shows
 * ({@link Phase#UNSCHEDULABLE}, {@link Phase#STUCK}).
 */
final class PodStates {
    private static final Set<String> BAD_IMAGE = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull");
    private static final Set<String> BAD_CONFIG = Set.of("CreateContainerConfigError", "CreateContainerError",
            "RunContainerError");

    private PodStates() {
    }

    static KernelPodState of(Pod pod, Instant now) {
        String runtimeId = runtimeId(pod);
        String name = pod.getMetadata().getName();
        String uid = pod.getMetadata().getUid();
        PodStatus status = pod.getStatus();
        String ip = status == null || status.getPodIP() == null || status.getPodIP().isEmpty() ? null
                : status.getPodIP();
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return new KernelPodState(runtimeId, name, uid, Phase.DELETED, "The runtime is stopping.", ip, now);
        }
        String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase();
        return switch (phase) {
            case "Running" -> new KernelPodState(runtimeId, name, uid, Phase.RUNNING, "", ip, now);
            case "Succeeded" -> new KernelPodState(runtimeId, name, uid, Phase.FAILED, "The kernel exited.", ip, now);
            case "Failed" -> new KernelPodState(runtimeId, name, uid, Phase.FAILED, failure(status), ip, now);
            case "Unknown" -> new KernelPodState(runtimeId, name, uid, Phase.FAILED,
                    "The node running the kernel stopped answering.", ip, now);
            default -> pending(runtimeId, name, uid, status, ip, now);
        };
    }

    private static KernelPodState pending(String runtimeId, String name, String uid, PodStatus status, String ip,
                                          Instant now) {
        Optional<ContainerStateWaiting> waiting = waiting(status);
        if (waiting.isPresent() && BAD_IMAGE.contains(waiting.get().getReason())) {
            return new KernelPodState(runtimeId, name, uid, Phase.STUCK, "The kernel image could not be pulled ("
                    + waiting.get().getReason() + "): " + orEmpty(waiting.get().getMessage()), ip, now);
        }
        if (waiting.isPresent() && BAD_CONFIG.contains(waiting.get().getReason())) {
            return new KernelPodState(runtimeId, name, uid, Phase.STUCK, "The kernel container could not be created: "
                    + orEmpty(waiting.get().getMessage()), ip, now);
        }
        Optional<PodCondition> unschedulable = conditions(status).stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                        && "Unschedulable".equals(c.getReason()))
                .findFirst();
        if (unschedulable.isPresent()) {
            return new KernelPodState(runtimeId, name, uid, Phase.UNSCHEDULABLE, "No node can take this runtime now: "
                    + orEmpty(unschedulable.get().getMessage()), ip, now);
        }
        boolean scheduled = conditions(status).stream()
                .anyMatch(c -> "PodScheduled".equals(c.getType()) && "True".equals(c.getStatus()));
        String reason = waiting.map(w -> "Starting the kernel (" + w.getReason() + ").")
                .orElse(scheduled ? "Starting the kernel." : "Waiting for a node.");
        return new KernelPodState(runtimeId, name, uid, Phase.PENDING, reason, ip, now);
    }

    private static String failure(PodStatus status) {
        Optional<ContainerStatus> kernel = containerStatuses(status).stream().findFirst();
        if (kernel.isPresent() && kernel.get().getState() != null && kernel.get().getState().getTerminated() != null) {
            var terminated = kernel.get().getState().getTerminated();
            if ("OOMKilled".equals(terminated.getReason())) {
                return "The kernel ran out of its memory limit and was stopped.";
            }
            // A GPU runtime's kernel that found no usable GPU wrote why to its termination log.
            if (terminated.getExitCode() != null && terminated.getExitCode() == NoGpuExit.STATUS) {
                Optional<String> why = NoGpuExit.reasonIn(List.of(orEmpty(terminated.getMessage())));
                if (why.isPresent()) {
                    return NoGpuExit.message(why.get());
                }
            }
            return "The kernel exited (status " + terminated.getExitCode() + ").";
        }
        return status.getReason() == null ? "The runtime failed." : "The runtime failed (" + status.getReason()
                + "): " + orEmpty(status.getMessage());
    }

    static String runtimeId(Pod pod) {
        var annotations = pod.getMetadata().getAnnotations();
        String id = annotations == null ? null : annotations.get(KernelPodSpec.RUNTIME_ID_ANNOTATION);
        return id != null ? id : pod.getMetadata().getLabels().getOrDefault(KernelPodSpec.RUNTIME_ID_LABEL,
                pod.getMetadata().getName());
    }

    private static Optional<ContainerStateWaiting> waiting(PodStatus status) {
        return containerStatuses(status).stream()
                .map(s -> s.getState() == null ? null : s.getState().getWaiting())
                .filter(w -> w != null && w.getReason() != null)
                .findFirst();
    }

    private static List<ContainerStatus> containerStatuses(PodStatus status) {
        return status == null || status.getContainerStatuses() == null ? List.of() : status.getContainerStatuses();
    }

    private static List<PodCondition> conditions(PodStatus status) {
        return status == null || status.getConditions() == null ? List.of() : status.getConditions();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
