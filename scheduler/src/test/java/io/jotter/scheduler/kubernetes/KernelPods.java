package io.jotter.scheduler.kubernetes;

import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.scheduler.kernelspec.KernelSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Test data for the Kubernetes backend: a kernel spec, its image, and backends on a {@link MockCluster}. */
final class KernelPods {
    static final KernelSpec JAVA = new KernelSpec("jotter-java", List.of("/opt/jotter/bin/jotter-kernel",
            "{connection_file}"), "Java (Jotter)", "java", KernelSpec.MESSAGE, Map.of(), null);
    static final KernelImage IMAGE = new KernelImage("ghcr.io/jotter/kernel:test",
            List.of("/opt/jotter/bin/jotter-kernel", "{connection_file}"));

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
        return cluster.closing(new KubernetesBackend(cluster.client, config, RuntimeCatalog.defaults(),
                KernelPodTemplate.bundled(), Clock.systemUTC()));
    }
}
