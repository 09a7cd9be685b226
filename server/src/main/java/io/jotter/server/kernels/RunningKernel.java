package io.jotter.server.kernels;

import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.runtime.RuntimeHandle;
import java.time.Instant;

/**
 * A kernel this server started.
 *
 * @param id the kernel id clients use in URLs; kept across restarts, as Jupyter does
 * @param spec what it was started from
 * @param handle the backend's handle on the running process (replaced by a restart)
 * @param lastActivity when it last answered this server
 */
public record RunningKernel(String id, KernelSpec spec, RuntimeHandle handle, Instant lastActivity) {
    /** Jupyter Server's JSON for a kernel. */
    public record Model(String id, String name, Instant lastActivity, String executionState, int connections) {
    }

    /**
     * The kernel as clients see it. Its execution state is "unknown" until the gateway follows the
     * kernel's iopub status messages; saying "idle" without knowing would mislead a culler and a user.
     */
    public Model model() {
        return new Model(id, spec.name(), lastActivity, "unknown", 0);
    }
}
