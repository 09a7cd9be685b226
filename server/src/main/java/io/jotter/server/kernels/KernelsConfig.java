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

    /**
     * On Kubernetes, how long a runtime pod may go without a runtime record before the warm pods' keeper removes it:
     * a warm pod claimed by a replica that died before admitting it, or a pod whose deletion failed.
     */
    @WithDefault("2m")
    Duration unrecordedPodGrace();

    /**
     * {@code os-users}: each account's kernels run as an OS user of its own, within its runtime type's memory and
     * CPU (cgroups, or rlimits where cgroups cannot be written), unable to read the server's data or other users'
     * files; needs root. {@code none}: kernels run as the server's user (a laptop's one user).
     */
    @WithDefault("none")
    String isolation();

    /** Where isolated kernels' users have their homes; every folder above it must be open to others. */
    @WithDefault("/var/lib/jotter/kernel-users")
    String usersDir();

    /** The most processes and threads one isolated kernel may have. */
    @WithDefault("512")
    int maxProcesses();

    /** Whether the kernels run as their accounts' own OS users. */
    default boolean isolated() {
        return "os-users".equals(isolation());
    }

    /** How often the watchdog checks that kernel processes are still alive. */
    @WithDefault("1s")
    Duration watchInterval();
}
