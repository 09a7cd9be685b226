package io.jotter.scheduler.kubernetes;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link KubernetesBackend} runs kernels.
 *
 * @param namespace where kernel pods and their Secrets live (the server's own namespace: its Role covers it)
 * @param instance this installation's name, a label value; {@code discover} finds only pods carrying it, so two
 *     installations in one namespace leave each other alone
 * @param images the image and command of each kernel spec offered on Kubernetes, by spec name
 * @param defaultRuntimeType the runtime type of a request that names none (in {@value KubernetesBackend#RUNTIME_TYPE_ENV})
 * @param startTimeout how long {@code start} waits for the pod to run before giving up (image pulls take a while)
 * @param unschedulableGrace how long a pod may stay unschedulable before {@code start} fails; zero fails at once,
 *     longer lets a cluster autoscaler add a node
 * @param killGrace the pod's termination grace period on {@code kill}: SIGTERM, then SIGKILL after it
 */
public record KubernetesBackendConfig(String namespace, String instance, Map<String, KernelImage> images,
                                      String defaultRuntimeType, Duration startTimeout, Duration unschedulableGrace,
                                      Duration killGrace) {
    public KubernetesBackendConfig {
        Objects.requireNonNull(namespace, "namespace");
        if (instance == null || !KernelPodSpec.isLabelValue(instance) || instance.isEmpty()) {
            throw new IllegalArgumentException("instance must be a label value: " + instance);
        }
        images = Map.copyOf(images);
        Objects.requireNonNull(defaultRuntimeType, "defaultRuntimeType");
        if (startTimeout.isNegative() || unschedulableGrace.isNegative() || killGrace.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** Defaults for one namespace: five minutes to start, failing at once when unschedulable, 10 s to stop. */
    public static KubernetesBackendConfig of(String namespace, String instance, Map<String, KernelImage> images,
                                             String defaultRuntimeType) {
        return new KubernetesBackendConfig(namespace, instance, images, defaultRuntimeType, Duration.ofMinutes(5),
                Duration.ZERO, Duration.ofSeconds(10));
    }
}
