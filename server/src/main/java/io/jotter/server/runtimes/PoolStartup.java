package io.jotter.server.runtimes;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.pool.catalog.RuntimeType;
import io.jotter.scheduler.kubernetes.NodeInventory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes the pool's capacity into {@code pool_types} when the server starts, before any admission: this
 * machine's (configuration and its GPUs) for local kernels, or, for kernel pods, the cluster's nodes, watched
 * and written again as nodes join, leave or are cordoned.
 */
@Singleton
public class PoolStartup {
    private static final Logger LOG = Logger.getLogger(PoolStartup.class);

    private final PoolTypes types;
    private final LocalPool pool;
    private final RuntimeCatalog catalog;
    private final String backend;
    private NodeInventory inventory;

    public PoolStartup(PoolTypes types, LocalPool pool, RuntimeCatalog catalog,
                       @ConfigProperty(name = "jotter.runtime.backend", defaultValue = "local") String backend) {
        this.types = types;
        this.pool = pool;
        this.catalog = catalog;
        this.backend = backend;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if ("kubernetes".equals(backend)) {
            inventory = new NodeInventory(new KubernetesClientBuilder().build(), catalog);
            inventory.onChange(change -> fromNodes());
            fromNodes();
            return;
        }
        types.set(pool.capacity());
        pool.gpus().forEach(gpu -> LOG.infof("GPU %d (%s) runs %s runtimes", gpu.index(), gpu.model(), gpu.runtimeType()));
        LOG.infof("runtime capacity: %s", pool.capacity());
    }

    private void fromNodes() {
        Map<String, Integer> capacity = catalog.all().stream()
                .collect(Collectors.toMap(RuntimeType::name, type -> inventory.slots(type.name())));
        types.set(capacity);
        LOG.infof("runtime capacity from the cluster's nodes: %s", capacity);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (inventory != null) {
            inventory.close();
        }
    }
}
