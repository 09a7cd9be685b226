package io.jotter.kernel.io;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects bytes written to one standard stream until they are drained as text. Writing never
 * blocks on the network: the drain happens on a timer, at the end of a cell, or in the writer's
 * thread once a batch is full, so one chatty loop makes few large messages, not one per line.
 */
final class CapturedStream extends OutputStream {
    private final String name;
    private final StreamSink sink;
    private final int batchBytes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    /** When the text now waiting started a line that has no line break yet; 0 when none waits. */
    private long unfinishedSince;

    CapturedStream(String name, StreamSink sink, int batchBytes) {
        this.name = name;
        this.sink = sink;
        this.batchBytes = batchBytes;
    }

    @Override
    public void write(int b) {
        boolean full;
        synchronized (this) {
            noteUnfinished(b == '\n');
            buffer.write(b);
            full = buffer.size() >= batchBytes;
        }
        if (full) {
            drain();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        boolean full;
        synchronized (this) {
            noteUnfinished(length > 0 && bytes[offset + length - 1] == '\n');
            buffer.write(bytes, offset, length);
            full = buffer.size() >= batchBytes;
        }
        if (full) {
            drain();
        }
    }

    private void noteUnfinished(boolean endsLine) {
        if (endsLine) {
            unfinishedSince = 0;
        } else if (unfinishedSince == 0) {
            unfinishedSince = System.nanoTime();
        }
    }

    /** Sends what was written so far; a multi-byte character cut in half waits for its other half. */
    void drain() {
        drain(false);
    }

    /**
     * Sends what was written up to the last line break and returns the rest: the prompt a cell
     * printed before reading stdin ({@code "Your name: "}), which belongs in the input request.
     */
    String drainAllButUnfinishedLine() {
        return drain(true);
    }

    /**
     * The timer's drain: an unfinished last line younger than {@code holdNanos} waits, since it may be
     * a prompt about to be read from stdin; an older one is sent (a progress line without a newline).
     */
    synchronized void drainHoldingFreshPrompt(long holdNanos) {
        long since = unfinishedSince;
        boolean fresh = since != 0 && System.nanoTime() - since < holdNanos;
        String unfinished = drain(fresh);
        if (unfinished.indexOf('\r') >= 0) {
            // A progress line redrawn with \r is no prompt: show it now.
            sink.write(name, unfinished);
        } else if (!unfinished.isEmpty()) {
            buffer.writeBytes(unfinished.getBytes(StandardCharsets.UTF_8));
            unfinishedSince = since;
        }
    }

    private synchronized String drain(boolean keepUnfinishedLine) {
        if (buffer.size() == 0) {
            return "";
        }
        byte[] bytes = buffer.toByteArray();
        int complete = Utf8.completeLength(bytes);
        String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
        buffer.reset();
        buffer.write(bytes, complete, bytes.length - complete);
        String unfinished = "";
        if (keepUnfinishedLine) {
            int lineEnd = text.lastIndexOf('\n') + 1;
            unfinished = text.substring(lineEnd);
            text = text.substring(0, lineEnd);
        }
        unfinishedSince = 0;
        // Send while holding the lock: two drains racing must not swap the order of text.
        if (!text.isEmpty()) {
            sink.write(name, text);
        }
        return unfinished;
    }
}
