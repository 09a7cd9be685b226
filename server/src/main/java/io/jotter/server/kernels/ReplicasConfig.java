package io.jotter.server.kernels;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Several server replicas over one database ({@code jotter.replicas.*}). Off on one machine, where kernels are the
 * server's children and stop with it; on, kernels outlive the replica that started them and another adopts them.
 */
@ConfigMapping(prefix = "jotter.replicas")
public interface ReplicasConfig {
    /** Whether this server is one of several sharing the database (the Kubernetes Deployment's replicas). */
    @WithDefault("false")
    boolean enabled();

    /** How often a replica says it is alive, and looks for runtimes and jobs whose replica died. */
    @WithDefault("2s")
    Duration heartbeat();

    /** A replica silent for this long is dead: its runtimes and jobs go to the first replica that notices. */
    @WithDefault("10s")
    Duration lease();
}
