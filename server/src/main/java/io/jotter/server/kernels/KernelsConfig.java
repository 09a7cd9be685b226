package io.jotter.server.kernels;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the server looks after its kernels. How long they may idle and live is their tier's (jotter.tiers.*). */
@ConfigMapping(prefix = "jotter.kernels")
public interface KernelsConfig {
    /** Whether kernels with a client connected are culled when idle too (Jupyter's {@code cull_connected}). */
    @WithDefault("false")
    boolean cullConnected();

    /** How long ahead of a stop for lifetime or quota a connected user is warned. */
    @WithDefault("5m")
    Duration stopWarning();

    /** How often the culler looks. */
    @WithDefault("60s")
    Duration cullInterval();

    /** Java kernels kept started and warmed up ahead of need, so a notebook's first cell runs at once; 0: none. */
    @WithDefault("1")
    int warmPool();

    /** How often the watchdog checks that kernel processes are still alive. */
    @WithDefault("1s")
    Duration watchInterval();
}
