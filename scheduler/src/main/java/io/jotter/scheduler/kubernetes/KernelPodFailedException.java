package io.jotter.scheduler.kubernetes;

import io.jotter.scheduler.runtime.RuntimeBackendException;

/** A kernel pod did not come up; its state says why, in words for the user. */
public class KernelPodFailedException extends RuntimeBackendException {
    private final transient KernelPodState state;

    public KernelPodFailedException(String message, KernelPodState state) {
        super(message, null);
        this.state = state;
    }

    /** The pod's last state, or {@code null} if it never showed one (the start timed out before the watch saw it). */
    public KernelPodState state() {
        return state;
    }
}
