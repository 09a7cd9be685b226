package io.jotter.server.gateway;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What the kernel said to a client while it was away (a closed laptop, a dropped network), kept until
 * it reconnects with the same session id, as Jupyter Server does. Bounded by bytes: past that the
 * oldest messages go, and the client is told how many it missed.
 */
final class ReplayBuffer {
    private final Instant parkedAt;
    private final long maxBytes;
    private final Deque<String> messages = new ArrayDeque<>();
    private long bytes;
    private long lost;

    ReplayBuffer(Instant parkedAt, long maxBytes) {
        this.parkedAt = parkedAt;
        this.maxBytes = maxBytes;
    }

    void add(String json) {
        messages.addLast(json);
        bytes += json.length();
        while (bytes > maxBytes && !messages.isEmpty()) {
            bytes -= messages.removeFirst().length();
            lost++;
        }
    }

    Instant parkedAt() {
        return parkedAt;
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    long lost() {
        return lost;
    }
}
