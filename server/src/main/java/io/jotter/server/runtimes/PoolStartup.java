package io.jotter.server.runtimes;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Writes this machine's capacity into {@code pool_types} when the server starts, before any admission. */
@Singleton
public class PoolStartup {
    private static final Logger LOG = Logger.getLogger(PoolStartup.class);

    private final PoolTypes types;
    private final LocalPool pool;

    public PoolStartup(PoolTypes types, LocalPool pool) {
        this.types = types;
        this.pool = pool;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        types.set(pool.capacity());
        pool.gpus().forEach(gpu -> LOG.infof("GPU %d (%s) runs %s runtimes", gpu.index(), gpu.model(), gpu.runtimeType()));
        LOG.infof("runtime capacity: %s", pool.capacity());
    }
}
