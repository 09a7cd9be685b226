package io.jotter.server.gateway;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Jupyter Server's iopub rate limit for one client: output messages and bytes per second, averaged
 * over a sliding window. Over either limit, output stops being shown to that client until the rate
 * falls back; the caller tells the client when it stops and when it resumes. Not thread-safe: one
 * client's messages come from one kernel's I/O thread.
 */
final class OutputRateLimiter {
    /** What to do with one output message. */
    enum Decision {
        SEND,
        /** Over the limit: the first dropped message, so the client is told output is paused. */
        PAUSE,
        DROP,
        /** Back under the limit: tell the client how much it was not shown, then send. */
        RESUME
    }

    private record Sent(long atNanos, int bytes) {
    }

    private final double messagesPerSecond;
    private final double bytesPerSecond;
    private final long windowNanos;
    private final Deque<Sent> window = new ArrayDeque<>();
    private long bytesInWindow;
    private boolean paused;
    private long dropped;

    OutputRateLimiter(double messagesPerSecond, double bytesPerSecond, Duration window) {
        this.messagesPerSecond = messagesPerSecond;
        this.bytesPerSecond = bytesPerSecond;
        this.windowNanos = window.toNanos();
    }

    Decision offer(long nowNanos, int bytes) {
        while (!window.isEmpty() && nowNanos - window.peekFirst().atNanos() > windowNanos) {
            bytesInWindow -= window.removeFirst().bytes();
        }
        window.addLast(new Sent(nowNanos, bytes));
        bytesInWindow += bytes;
        double seconds = windowNanos / 1e9;
        boolean over = (messagesPerSecond > 0 && window.size() / seconds > messagesPerSecond)
                || (bytesPerSecond > 0 && bytesInWindow / seconds > bytesPerSecond);
        if (over) {
            dropped++;
            if (!paused) {
                paused = true;
                return Decision.PAUSE;
            }
            return Decision.DROP;
        }
        if (paused) {
            paused = false;
            return Decision.RESUME;
        }
        return Decision.SEND;
    }

    /** Messages not shown since the last resume; read when resuming. */
    long takeDropped() {
        long count = dropped;
        dropped = 0;
        return count;
    }
}
