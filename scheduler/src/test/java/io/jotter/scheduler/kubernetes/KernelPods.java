package io.jotter.scheduler.kubernetes;

import io.jotter.pool.catalog.AcceleratorKind;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.pool.catalog.RuntimeType;
import io.jotter.pool.catalog.Toleration;
import io.jotter.scheduler.kernelspec.KernelSpec;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Test data for the Kubernetes backend: a kernel spec, its images (CPU and GPU), a configured TPU type, and backends
 * on a {@link MockCluster}.
 */
final class KernelPods {
    static final KernelSpec JAVA = new KernelSpec("jotter-java", List.of("/opt/jotter/bin/jotter-kernel",
            "{connection_file}"), "Java (Jotter)", "java", KernelSpec.MESSAGE, Map.of(), null);
    static final KernelImage IMAGE = new KernelImage("ghcr.io/jotter/kernel:test",
            List.of("/opt/jotter/bin/jotter-kernel", "{connection_file}"),
            Map.of(AcceleratorKind.GPU, "ghcr.io/jotter/kernel-gpu:test"));
    /** A TPU type as configuration adds one (infra/k8s/overlays/tpu): the defaults have none. */
    static final RuntimeType TPU = new RuntimeType("tpu-v5e-1", "TPU v5e (1 chip)", AcceleratorKind.TPU, 1, 24_000,
            49_152, "google.com/tpu", Map.of("cloud.google.com/gke-tpu-accelerator", "tpu-v5-lite-podslice",
                    "cloud.google.com/gke-tpu-topology", "1x1"),
            List.of(Toleration.exists("google.com/tpu", "NoSchedule")), new BigDecimal("3.60"));

    private KernelPods() {
    }

    /** The defaults, on the cluster's namespace, installation {@code test}. */
    static KubernetesBackendConfig config() {
        return KubernetesBackendConfig.of(MockCluster.NAMESPACE, "test", Map.of(JAVA.name(), IMAGE), "cpu");
    }

    static KubernetesBackendConfig config(Duration startTimeout, Duration unschedulableGrace) {
        KubernetesBackendConfig base = config();
        return new KubernetesBackendConfig(base.namespace(), base.instance(), base.images(),
                base.defaultRuntimeType(), startTimeout, unschedulableGrace, Duration.ofSeconds(1));
    }

    static KubernetesBackend backend(MockCluster cluster, KubernetesBackendConfig config) {
        return backend(cluster, config, RuntimeCatalog.defaults());
    }

    static KubernetesBackend backend(MockCluster cluster, KubernetesBackendConfig config, RuntimeCatalog catalog) {
        return cluster.closing(new KubernetesBackend(cluster.client, config, catalog, KernelPodTemplate.bundled(),
                Clock.systemUTC()));
    }
}
