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

    CapturedStream(String name, StreamSink sink, int batchBytes) {
        this.name = name;
        this.sink = sink;
        this.batchBytes = batchBytes;
    }

    @Override
    public void write(int b) {
        boolean full;
        synchronized (this) {
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
            buffer.write(bytes, offset, length);
            full = buffer.size() >= batchBytes;
        }
        if (full) {
            drain();
        }
    }

    /** Sends what was written so far; a multi-byte character cut in half waits for its other half. */
    void drain() {
        String text;
        synchronized (this) {
            if (buffer.size() == 0) {
                return;
            }
            byte[] bytes = buffer.toByteArray();
            int complete = Utf8.completeLength(bytes);
            text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
            buffer.reset();
            buffer.write(bytes, complete, bytes.length - complete);
            // Send while holding the lock: two drains racing must not swap the order of text.
            if (!text.isEmpty()) {
                sink.write(name, text);
            }
        }
    }
}
