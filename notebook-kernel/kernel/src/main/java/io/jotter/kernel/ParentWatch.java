package io.jotter.kernel;

import io.jotter.kernel.eval.ExitGuard;
import io.jotter.kernel.transport.KernelLog;
import java.util.Optional;

/**
 * Ends the kernel when the process that started it is gone, as ipykernel does: Jupyter clients
 * put their pid in {@code JPY_PARENT_PID}. Without it, a client that crashed or was killed leaves
 * its kernels running, holding memory and (in Jotter) an accelerator, with nobody to talk to.
 */
final class ParentWatch {
    static final String PARENT_PID_ENV = "JPY_PARENT_PID";

    private ParentWatch() {
    }

    static void start() {
        String pid = System.getenv(PARENT_PID_ENV);
        if (pid == null || pid.isBlank()) {
            return;
        }
        Optional<ProcessHandle> parent;
        try {
            parent = ProcessHandle.of(Long.parseLong(pid.strip()));
        } catch (NumberFormatException e) {
            KernelLog.warn(PARENT_PID_ENV + " is not a process id: " + pid, null);
            return;
        }
        if (parent.isEmpty()) {
            KernelLog.info("the process that started this kernel (" + pid + ") is gone; exiting");
            ExitGuard.exitKernel(0);
        }
        parent.get().onExit().thenRun(() -> {
            KernelLog.info("the process that started this kernel (" + pid + ") exited; so does the kernel");
            ExitGuard.exitKernel(0);
        });
    }
}
