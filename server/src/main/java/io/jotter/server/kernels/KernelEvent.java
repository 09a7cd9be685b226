package io.jotter.server.kernels;

/**
 * Something happened to a kernel that its connected clients must hear about. Fired synchronously by
 * {@link KernelRegistry} and {@link KernelWatchdog}; the gateway observes it.
 *
 * @param type what happened
 * @param kernel the kernel, as it is after the event
 * @param reason for a user to read, when the server stopped it on its own (culling, lifetime, quota) or will
 *     soon; else {@code null}
 */
public record KernelEvent(Type type, RunningKernel kernel, String reason) {
    public enum Type {
        /** Started and answering. */
        STARTED,
        /** Replaced by a fresh process under the same id. */
        RESTARTED,
        /** Shut down and forgotten. */
        STOPPED,
        /** Its process ended on its own; it stays listed as dead until restarted or shut down. */
        DIED,
        /** The server will stop it soon (lifetime, quota); the reason says when and why. */
        WARNING,
        /** This replica now runs it: another replica that ran it died. Its clients here get the runs in flight whole. */
        ADOPTED,
        /** Another replica runs it now (it took it over for a restart): this one still serves it, without recording. */
        RELEASED
    }
}
