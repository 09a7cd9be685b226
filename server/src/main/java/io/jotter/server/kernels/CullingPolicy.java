package io.jotter.server.kernels;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the server stops a kernel on its own. Idle means the kernel reported itself idle and no message
 * went either way for the timeout: a cell that trains for hours keeps the kernel busy, so it is never
 * culled as idle. The maximum lifetime applies whatever the kernel is doing.
 *
 * @param idleTimeout zero turns idle culling off
 * @param cullConnected whether a kernel with a client connected may be culled as idle
 * @param maxLifetime zero means no limit
 */
public record CullingPolicy(Duration idleTimeout, boolean cullConnected, Duration maxLifetime) {
    static CullingPolicy from(KernelsConfig config) {
        return new CullingPolicy(config.idleTimeout(), config.cullConnected(), config.maxLifetime());
    }

    /** Why the kernel should be stopped now, in words for its user; empty when it may run on. */
    public Optional<String> reasonToStop(KernelActivity activity, Instant now) {
        if (!maxLifetime.isZero() && !now.isBefore(activity.since().plus(maxLifetime))) {
            return Optional.of("the runtime reached its maximum lifetime of " + words(maxLifetime));
        }
        if (idleTimeout.isZero() || activity.isBusy()) {
            return Optional.empty();
        }
        if (activity.connections() > 0 && !cullConnected) {
            return Optional.empty();
        }
        if (now.isBefore(activity.lastActivity().plus(idleTimeout))) {
            return Optional.empty();
        }
        return Optional.of("the runtime was idle for " + words(idleTimeout));
    }

    static String words(Duration duration) {
        if (duration.toSeconds() % 3600 == 0) {
            return duration.toHours() + " h";
        }
        if (duration.toSeconds() % 60 == 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toSeconds() + " s";
    }
}
