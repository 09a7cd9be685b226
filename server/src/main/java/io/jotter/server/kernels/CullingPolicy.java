package io.jotter.server.kernels;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the server stops a kernel on its own, by the limits of the tier its runtime was admitted under
 * ({@link RuntimeTerms}). Idle means the kernel reported itself idle and no message went either way for the
 * timeout: a cell that trains for hours keeps the kernel busy, so it is never culled as idle. The maximum
 * lifetime applies whatever the kernel is doing.
 *
 * @param cullConnected whether a kernel with a client connected may be culled as idle
 */
public record CullingPolicy(boolean cullConnected) {
    /**
     * A dead kernel keeps its runtime (and its place in the pool, and its metering) so that it can be restarted;
     * not restarted within this, it is given back.
     */
    static final Duration DEAD_TIMEOUT = Duration.ofMinutes(10);

    static CullingPolicy from(KernelsConfig config) {
        return new CullingPolicy(config.cullConnected());
    }

    /** Why the kernel should be stopped now, in words for its user; empty when it may run on. */
    public Optional<String> reasonToStop(KernelActivity activity, RuntimeTerms terms, Instant now) {
        return reasonToStop(activity, terms, now, Duration.ZERO);
    }

    /**
     * What its user should hear {@code lead} ahead of a stop: the reason it will stop within that time, and in
     * how long; empty when it will not.
     */
    public Optional<String> warning(KernelActivity activity, RuntimeTerms terms, Instant now, Duration lead) {
        if (activity.connections() == 0 || reasonToStop(activity, terms, now).isPresent()) {
            return Optional.empty();
        }
        return reasonToStop(activity, terms, now, lead).map(reason -> "this runtime will stop within "
                + words(lead) + ": " + reason.replace("was idle for", "will have been idle for")
                .replace("reached", "will reach") + ". Your notebook is saved first");
    }

    private Optional<String> reasonToStop(KernelActivity activity, RuntimeTerms terms, Instant now, Duration lead) {
        Duration maxLifetime = terms.maxLifetime();
        Instant then = now.plus(lead);
        if (!maxLifetime.isZero() && !then.isBefore(activity.since().plus(maxLifetime))) {
            return Optional.of("the runtime reached its maximum lifetime of " + words(maxLifetime));
        }
        if (KernelActivity.DEAD.equals(activity.executionState())
                && !then.isBefore(activity.lastActivity().plus(DEAD_TIMEOUT))) {
            return Optional.of("the kernel died and was not restarted within " + words(DEAD_TIMEOUT)
                    + ", so its runtime was given back");
        }
        Duration idleTimeout = terms.idleTimeout();
        if (idleTimeout.isZero() || activity.isBusy()) {
            return Optional.empty();
        }
        if (activity.connections() > 0 && !cullConnected) {
            return Optional.empty();
        }
        if (then.isBefore(activity.lastActivity().plus(idleTimeout))) {
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
