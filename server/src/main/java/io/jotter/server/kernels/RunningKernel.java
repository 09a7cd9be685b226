package io.jotter.server.kernels;

import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.runtime.RuntimeHandle;
import java.time.Instant;

/**
 * A kernel this server started.
 *
 * @param id the kernel id clients use in URLs; kept across restarts, as Jupyter does
 * @param owner the user who started it
 * @param spec what it was started from
 * @param handle the backend's handle on the running process (replaced by a restart)
 * @param activity its execution state and traffic, kept across restarts
 * @param terms its runtime type and the limits it was admitted with
 */
public record RunningKernel(String id, String owner, KernelSpec spec, RuntimeHandle handle, KernelActivity activity,
                            RuntimeTerms terms) {
    /** Jupyter Server's JSON for a kernel. */
    public record Model(String id, String name, Instant lastActivity, String executionState, int connections) {
    }

    public Model model() {
        return new Model(id, spec.name(), activity.lastActivity(), activity.executionState(), activity.connections());
    }

    public Instant startedAt() {
        return handle.startedAt();
    }

    RunningKernel withHandle(RuntimeHandle newHandle) {
        return new RunningKernel(id, owner, spec, newHandle, activity, terms);
    }
}
