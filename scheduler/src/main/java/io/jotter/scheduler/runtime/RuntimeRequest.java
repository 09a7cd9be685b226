package io.jotter.scheduler.runtime;

import io.jotter.scheduler.kernelspec.KernelSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to start: one kernel for one runtime.
 *
 * @param runtimeId the scheduler's id of the runtime, unique among live ones; letters, digits, {@code -} and
 *     {@code _} only, since backends name files and pods after it
 * @param kernelSpec how to launch the kernel
 * @param workingDirectory where the kernel starts (the notebook's directory); a sandboxed kernel starts here only
 *     if its account may enter it, otherwise in its own home
 * @param env variables added on top of the kernel spec's, winning over them
 * @param sandbox whose kernel this is and what it may use, or {@code null} to run the kernel as the server's own
 *     user with no limits (single-user mode)
 */
public record RuntimeRequest(String runtimeId, KernelSpec kernelSpec, Path workingDirectory, Map<String, String> env,
                             Sandbox sandbox) {
    public RuntimeRequest {
        Objects.requireNonNull(kernelSpec, "kernelSpec");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (runtimeId == null || !runtimeId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("runtime id must be 1 to 64 of [A-Za-z0-9_-]: " + runtimeId);
        }
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** A kernel run as the server's own user, unconfined. */
    public RuntimeRequest(String runtimeId, KernelSpec kernelSpec, Path workingDirectory, Map<String, String> env) {
        this(runtimeId, kernelSpec, workingDirectory, env, null);
    }

    /** The sandbox, if the kernel is to be confined. */
    public Optional<Sandbox> isolation() {
        return Optional.ofNullable(sandbox);
    }

    /**
     * Confines a kernel to one account: kernels of different accounts cannot read each other's files or the
     * server's, and each kernel gets at most these resources. How a backend enforces it is its own business
     * (an OS user and cgroups locally, a pod's security context and resources on Kubernetes).
     *
     * @param account the Jotter account the kernel belongs to; any string, never used raw in a command line or
     *     a file name
     * @param memoryBytes the most memory the kernel and everything it starts may use together
     * @param cpus how many CPUs' worth of time it may use, for example {@code 1.5}; {@code 0} for no limit
     * @param maxProcesses the most processes and threads it may have (a JVM kernel alone has about 30)
     */
    public record Sandbox(String account, long memoryBytes, double cpus, int maxProcesses) {
        private static final long MIN_MEMORY = 64L << 20;

        public Sandbox {
            if (account == null || account.isBlank()) {
                throw new IllegalArgumentException("a sandbox needs an account");
            }
            if (memoryBytes < MIN_MEMORY) {
                throw new IllegalArgumentException("memory limit must be at least 64 MiB: " + memoryBytes);
            }
            if (!(cpus >= 0) || Double.isInfinite(cpus)) {
                throw new IllegalArgumentException("cpus must be 0 (no limit) or positive: " + cpus);
            }
            if (maxProcesses < 1) {
                throw new IllegalArgumentException("maxProcesses must be positive: " + maxProcesses);
            }
        }

        /** The account with the given memory limit, no CPU limit and room for 512 processes and threads. */
        public static Sandbox of(String account, long memoryBytes) {
            return new Sandbox(account, memoryBytes, 0, 512);
        }
    }
}
