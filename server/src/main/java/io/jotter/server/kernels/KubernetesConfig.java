package io.jotter.server.kernels;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Kernels as pods ({@code jotter.runtime.backend=kubernetes}); see infra/k8s and the README's deployment guide. */
@ConfigMapping(prefix = "jotter.kubernetes")
public interface KubernetesConfig {
    /** The namespace kernel pods run in; the server's own when absent (in-cluster). */
    Optional<String> namespace();

    /** A label value naming this installation: a server only ever discovers and settles its own pods. */
    @WithDefault("jotter")
    String instance();

    /** The image of the Java kernel (jotter-java); its launcher is at /opt/jotter/bin/jotter-kernel. */
    @WithDefault("ghcr.io/jotter/kernel:0.1.0")
    String kernelImage();

    /**
     * The Java kernel's image for GPU runtime types: TensorFlow's GPU build with CUDA 12 and cuDNN 9, no driver (the
     * node's NVIDIA driver is mounted by the container runtime). Same launcher as {@link #kernelImage()}.
     */
    @WithDefault("ghcr.io/jotter/kernel-gpu:0.1.0")
    String gpuKernelImage();

    /**
     * The Java kernel's image for TPU runtime types; {@link #kernelImage()} when absent. TensorFlow Java cannot use a
     * TPU, so a TPU type (none by default) is only worth offering with an image whose kernel can.
     */
    Optional<String> tpuKernelImage();

    /** The kernel pod template (infra/k8s/base/kernel-pod-template.yaml, mounted); the bundled copy when absent. */
    Optional<String> podTemplate();

    /** How long a pod may take to run before the start fails (an unschedulable one fails at once). */
    @WithDefault("5m")
    Duration startTimeout();

    /** How long an unschedulable pod waits for a node (a cluster autoscaler adding one) before failing. */
    @WithDefault("0s")
    Duration unschedulableGrace();

    /** How long a deleted kernel pod gets to end. */
    @WithDefault("10s")
    Duration killGrace();
}
