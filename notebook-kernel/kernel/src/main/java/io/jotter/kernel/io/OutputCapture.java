package io.jotter.kernel.io;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Replaces {@code System.out} and {@code System.err} of the kernel process with streams that send
 * what cells print as {@code stream} output. JShell's local engine runs cells in this JVM, so the
 * process's own streams are the cells' streams; the kernel logs to the original {@code System.err},
 * which {@link #install} hands back.
 */
public final class OutputCapture implements AutoCloseable {
    /** How often buffered output is sent while a cell runs. */
    public static final long DRAIN_INTERVAL_MILLIS = 50;
    /** A batch this large is sent at once, from the writing thread. */
    public static final int BATCH_BYTES = 256 * 1024;
    /**
     * How long the timer leaves an unfinished stdout line, which may be the prompt of a read from stdin:
     * long enough for JShell to compile the statement that reads, even on a busy machine.
     */
    private static final long PROMPT_HOLD_NANOS = 2_000_000_000L;

    private final CapturedStream out;
    private final CapturedStream err;
    private final PrintStream originalOut;
    private final PrintStream originalErr;
    private final ScheduledExecutorService timer;

    private OutputCapture(StreamSink sink) {
        this.originalOut = System.out;
        this.originalErr = System.err;
        this.out = new CapturedStream("stdout", sink, BATCH_BYTES);
        this.err = new CapturedStream("stderr", sink, BATCH_BYTES);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "jotter-output-drain");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Captures the standard streams from now on; returns the capture, whose {@link #log()} is the old stderr. */
    public static OutputCapture install(StreamSink sink) {
        OutputCapture capture = new OutputCapture(sink);
        System.setOut(new PrintStream(capture.out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capture.err, true, StandardCharsets.UTF_8));
        capture.timer.scheduleWithFixedDelay(capture::drainQuietly, DRAIN_INTERVAL_MILLIS, DRAIN_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        return capture;
    }

    /** The process's real stderr, for the kernel's own log. */
    public PrintStream log() {
        return originalErr;
    }

    /** Sends everything printed so far, stdout first. Call before any other output of the cell, and at its end. */
    public void drain() {
        System.out.flush();
        System.err.flush();
        out.drain();
        err.drain();
    }

    /** As {@link #drain}, but keeps stdout's unfinished last line out of the stream and returns it, as a prompt. */
    public String drainForPrompt() {
        System.out.flush();
        System.err.flush();
        err.drain();
        return out.drainAllButUnfinishedLine();
    }

    private void drainQuietly() {
        try {
            System.out.flush();
            System.err.flush();
            out.drainHoldingFreshPrompt(PROMPT_HOLD_NANOS);
            err.drain();
        } catch (RuntimeException e) {
            originalErr.println("jotter: could not send output: " + e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        drain();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }
}
