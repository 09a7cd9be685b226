package io.jotter.kernel.transport;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The kernel's own log, on the process's original stderr (cells' output is captured separately).
 * Jupyter clients show a kernel's stderr in their log, as they do ipykernel's.
 */
public final class KernelLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static volatile PrintStream stream = System.err;
    /** {@code JOTTER_KERNEL_LOG=debug} adds the kernel's progress (start-up times) to its warnings. */
    private static final boolean DEBUG = "debug".equalsIgnoreCase(System.getenv("JOTTER_KERNEL_LOG"));

    private KernelLog() {
    }

    /** Fixes the stream before the standard streams are captured. */
    public static void useStream(PrintStream log) {
        stream = log;
    }

    public static void info(String message) {
        stream.println("[jotter " + LocalTime.now().format(TIME) + "] " + message);
    }

    /** Progress worth seeing only when looking into the kernel itself. */
    public static void debug(String message) {
        if (DEBUG) {
            info(message);
        }
    }

    public static void warn(String message, Throwable cause) {
        info("WARNING " + message + (cause == null ? "" : ": " + cause));
    }
}
