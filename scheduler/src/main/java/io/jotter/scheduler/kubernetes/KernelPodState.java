package io.jotter.scheduler.kubernetes;

import java.time.Instant;
import java.util.Objects;

/**
 * Where one runtime's pod stands, in the words the runtime panel shows.
 *
 * @param runtimeId the runtime
 * @param podName its pod
 * @param podUid its pod's uid: a runtime restarted under the same id gets a new pod, and the old one's last events
 *     must not be taken for the new one's
 * @param phase what the pod's phase, conditions and container states come to
 * @param reason why, for a user: "Waiting for a free NVIDIA T4 GPU node", "The kernel image could not be pulled";
 *     empty when there is nothing to say
 * @param podIp the pod's address once it has one, else {@code null}
 * @param since when this state was seen first
 */
public record KernelPodState(String runtimeId, String podName, String podUid, Phase phase, String reason, String podIp,
                             Instant since) {
    public KernelPodState {
        Objects.requireNonNull(runtimeId, "runtimeId");
        Objects.requireNonNull(phase, "phase");
        reason = reason == null ? "" : reason;
    }

    public enum Phase {
        /** Created, not yet running: being scheduled, pulling its image, starting its container. */
        PENDING,
        /** No node can take it now; Kubernetes keeps trying (a cluster autoscaler may add one). */
        UNSCHEDULABLE,
        /** Pending and not going to get better by waiting: its image cannot be pulled, its container not made. */
        STUCK,
        /** Its kernel container runs. */
        RUNNING,
        /** Its kernel exited, or the node lost it. */
        FAILED,
        /** Deleting, or gone. */
        DELETED;

        /** Whether the kernel may still come up or is up. */
        public boolean isAlive() {
            return this == PENDING || this == UNSCHEDULABLE || this == STUCK || this == RUNNING;
        }
    }

    KernelPodState withSince(Instant earlier) {
        return new KernelPodState(runtimeId, podName, podUid, phase, reason, podIp, earlier);
    }

    /** Whether this is the same state as {@code other}, whenever each was seen. */
    boolean sameAs(KernelPodState other) {
        return other != null && Objects.equals(podUid, other.podUid) && phase == other.phase && reason.equals(other.reason)
                && Objects.equals(podIp, other.podIp);
    }
}
