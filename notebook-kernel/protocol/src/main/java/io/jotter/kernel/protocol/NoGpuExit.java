package io.jotter.kernel.protocol;

import java.util.List;
import java.util.Optional;

/**
 * How a GPU runtime's kernel that finds no usable GPU ends, read by whoever started it: it exits with
 * {@link #STATUS} before it answers anything, its last line of stderr is {@link #PREFIX} and the reason in a user's
 * words, and on Kubernetes the reason is also its container's termination message. Written by the kernel's launcher
 * and {@code GpuCheck}, read by the server's backends; one place says what both sides expect.
 */
public final class NoGpuExit {
    /** The exit status: refused to start, not crashed. */
    public static final int STATUS = 3;
    /** What the reason's line starts with, after the program's name. */
    public static final String PREFIX = "no usable GPU: ";
    private static final String MESSAGE_START = "This GPU runtime found no usable GPU";

    private NoGpuExit() {
    }

    /** The line the kernel writes, for example {@code jotter-kernel: no usable GPU: the NVIDIA driver ...}. */
    public static String line(String reason) {
        return "jotter-kernel: " + PREFIX + reason;
    }

    /** The reason in the last such line of a kernel's output, if any. */
    public static Optional<String> reasonIn(List<String> outputLines) {
        for (int i = outputLines.size() - 1; i >= 0; i--) {
            String line = outputLines.get(i);
            int at = line.indexOf(PREFIX);
            if (at >= 0) {
                return Optional.of(line.substring(at + PREFIX.length()).strip());
            }
        }
        return Optional.empty();
    }

    /** What a user is told: "This GPU runtime found no usable GPU, so it did not start (...): REASON." */
    public static String message(String reason) {
        String sentence = reason.endsWith(".") ? reason : reason + ".";
        return MESSAGE_START + ", so it did not start (nothing was charged): " + sentence;
    }

    /** Whether a message is one of {@link #message}'s. */
    public static boolean isMessage(String text) {
        return text != null && text.startsWith(MESSAGE_START);
    }
}
