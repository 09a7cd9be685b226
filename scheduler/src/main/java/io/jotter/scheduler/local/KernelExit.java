package io.jotter.scheduler.local;

import io.jotter.kernel.protocol.NoGpuExit;

/**
 * How a kernel this backend started ended, in words a user can be shown.
 *
 * @param status the process's exit status; 128 + n when killed by signal n
 * @param outOfMemory whether its memory cgroup's OOM killer struck: it hit its memory limit
 * @param stoppedByJotter whether {@link LocalProcessBackend#kill} ended it
 * @param message for example "the kernel ran out of its 2 GiB memory limit and was stopped", or a GPU runtime's
 *     "This GPU runtime found no usable GPU, ...: the NVIDIA driver (libcuda.so.1) is not installed ..."
 */
public record KernelExit(int status, boolean outOfMemory, boolean stoppedByJotter, String message) {

    static KernelExit of(int status, long oomKills, boolean stoppedByJotter, long memoryLimit) {
        if (oomKills > 0) {
            return new KernelExit(status, true, stoppedByJotter, "the kernel ran out of its "
                    + sizeInWords(memoryLimit) + " memory limit and was stopped");
        }
        if (stoppedByJotter) {
            return new KernelExit(status, false, true, "the kernel was stopped");
        }
        if (status > 128) {
            return new KernelExit(status, false, false, "the kernel was killed by signal " + (status - 128)
                    + (status == 137 ? " (SIGKILL)" : ""));
        }
        return new KernelExit(status, false, false, "the kernel exited with status " + status);
    }

    /** A GPU runtime's kernel that found no GPU it could use, and said why (see {@link NoGpuExit}). */
    static KernelExit noGpu(int status, String reason) {
        return new KernelExit(status, false, false, NoGpuExit.message(reason));
    }

    /** 2147483648 → "2 GiB", 805306368 → "768 MiB". */
    static String sizeInWords(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        return (bytes >> 20) + " MiB";
    }
}
