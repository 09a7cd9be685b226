package io.jotter.server.kernels;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jotter.pool.catalog.AcceleratorKind;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.scheduler.kubernetes.KernelImage;
import io.jotter.scheduler.kubernetes.KernelPodTemplate;
import io.jotter.scheduler.kubernetes.KubernetesBackend;
import io.jotter.scheduler.kubernetes.KubernetesBackendConfig;
import io.jotter.scheduler.local.LocalProcessBackend;
import io.jotter.scheduler.local.OsUserIsolation;
import io.jotter.scheduler.runtime.RuntimeBackend;
import io.jotter.server.kernelspecs.KernelSpecCatalog;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where kernels run ({@code jotter.runtime.backend}): {@code local} processes, their connection files and logs
 * in Jotter's runtime folder (with {@code jotter.kernels.isolation=os-users}, each account's as an OS user of its
 * own), or {@code kubernetes} pods on the cluster's node pools.
 */
public class RuntimeBackends {
    private static final Logger LOG = Logger.getLogger(RuntimeBackends.class);

    @Produces
    @Singleton
    RuntimeBackend backend(Clock clock, KernelsConfig config, KubernetesConfig kubernetes, RuntimeCatalog catalog,
                           ReplicasConfig replicas,
                           @ConfigProperty(name = "jotter.runtime.backend", defaultValue = "local") String kind,
                           @ConfigProperty(name = "jotter.pool.default-type", defaultValue = "cpu") String defaultType,
                           @ConfigProperty(name = "jotter.runtime-dir") String runtimeDir) {
        return switch (kind) {
            case "local" -> local(clock, config, runtimeDir, replicas.enabled());
            case "kubernetes" -> kubernetes(clock, kubernetes, catalog, defaultType);
            default -> throw new IllegalStateException("jotter.runtime.backend is local or kubernetes, not " + kind);
        };
    }

    private static RuntimeBackend local(Clock clock, KernelsConfig config, String runtimeDir, boolean outliveServer) {
        if (!config.isolated() && !"none".equals(config.isolation())) {
            throw new IllegalStateException("jotter.kernels.isolation is os-users or none, not " + config.isolation());
        }
        OsUserIsolation isolation = config.isolated() ? OsUserIsolation.create(Path.of(config.usersDir())) : null;
        if (isolation != null) {
            LOG.info(isolation.describe());
        }
        // With replicas, a kernel outlives the server that started it, so that another can adopt it.
        return new LocalProcessBackend(Path.of(runtimeDir), clock, Duration.ofSeconds(5), isolation, !outliveServer);
    }

    private static RuntimeBackend kubernetes(Clock clock, KubernetesConfig config, RuntimeCatalog catalog,
                                             String defaultType) {
        KubernetesClient client = new KubernetesClientBuilder().build();
        String namespace = config.namespace().orElseGet(client::getNamespace);
        KernelImage java = new KernelImage(config.kernelImage(), List.of("/opt/jotter/bin/jotter-kernel",
                "{connection_file}"), acceleratorImages(config));
        KubernetesBackendConfig settings = new KubernetesBackendConfig(namespace, config.instance(),
                Map.of(KernelSpecCatalog.JOTTER_JAVA, java), defaultType, config.startTimeout(),
                config.unschedulableGrace(), config.killGrace());
        LOG.infof("kernels run as pods in namespace %s (instance %s, image %s, GPU image %s)", namespace,
                config.instance(), config.kernelImage(), config.gpuKernelImage());
        return new KubernetesBackend(client, settings, catalog, config.podTemplate().map(Path::of)
                .map(KernelPodTemplate::from).orElseGet(KernelPodTemplate::bundled), clock);
    }

    /** GPU types run the GPU image; TPU types theirs where one is configured; CPU types the kernel image. */
    static Map<AcceleratorKind, String> acceleratorImages(KubernetesConfig config) {
        Map<AcceleratorKind, String> images = new EnumMap<>(AcceleratorKind.class);
        images.put(AcceleratorKind.GPU, config.gpuKernelImage());
        config.tpuKernelImage().ifPresent(image -> images.put(AcceleratorKind.TPU, image));
        return images;
    }
}
