package io.jotter.scheduler.runtime;

import io.jotter.scheduler.kernelspec.KernelSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to start: one kernel for one runtime.
 *
 * @param runtimeId the scheduler's id of the runtime, unique among live ones; letters, digits, {@code -} and
 *     {@code _} only, since backends name files and pods after it
 * @param kernelSpec how to launch the kernel
 * @param workingDirectory where the kernel starts (the notebook's directory)
 * @param env variables added on top of the kernel spec's, winning over them
 */
public record RuntimeRequest(String runtimeId, KernelSpec kernelSpec, Path workingDirectory, Map<String, String> env) {
    public RuntimeRequest {
        Objects.requireNonNull(kernelSpec, "kernelSpec");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (runtimeId == null || !runtimeId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("runtime id must be 1 to 64 of [A-Za-z0-9_-]: " + runtimeId);
        }
        env = env == null ? Map.of() : Map.copyOf(env);
    }
}
