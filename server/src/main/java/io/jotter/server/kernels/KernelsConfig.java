package io.jotter.server.kernels;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long kernels may live and idle. Tiers will set these per user; these are the server's defaults. */
@ConfigMapping(prefix = "jotter.kernels")
public interface KernelsConfig {
    /** A kernel idle (not executing, no messages either way) for this long is shut down; 0 turns culling off. */
    @WithDefault("90m")
    Duration idleTimeout();

    /** Whether kernels with a client connected are culled when idle too (Jupyter's {@code cull_connected}). */
    @WithDefault("false")
    boolean cullConnected();

    /** A kernel is stopped this long after it started, busy or not; 0 means no limit. */
    @WithDefault("12h")
    Duration maxLifetime();

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
