package io.jotter.kernel.display;

import io.jotter.kernel.io.StreamSink;

/**
 * Sends a cell's output somewhere other than the cell for a while: an Output widget capturing what its code prints
 * and displays. Global, as the display binding is, so output of threads the code started goes there too.
 */
public final class OutputDiversion implements AutoCloseable {
    /** Where diverted output goes: text and displays. */
    public interface Target extends StreamSink, DisplaySink {
    }

    private static volatile Target current;
    private static volatile Runnable drain = () -> { };

    private final Target previous;

    private OutputDiversion(Target previous) {
        this.previous = previous;
    }

    /** Set by the kernel: sends text printed so far, so it lands where it was printed. */
    public static void drainWith(Runnable drainStreams) {
        drain = drainStreams;
    }

    /** Output goes to {@code target} until the returned diversion is closed. */
    public static OutputDiversion to(Target target) {
        drain.run();
        OutputDiversion diversion = new OutputDiversion(current);
        current = target;
        return diversion;
    }

    /** The target output goes to now, or null: the cell. */
    public static Target current() {
        return current;
    }

    @Override
    public void close() {
        drain.run();
        current = previous;
    }
}
