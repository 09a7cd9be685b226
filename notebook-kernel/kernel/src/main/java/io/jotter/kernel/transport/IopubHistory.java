package io.jotter.kernel.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Json;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.protocol.WebSocketMessages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What the kernel published on iopub, per request (parent {@code msg_id}), for {@code jotter_replay_request}:
 * a server replica that adopts a running kernel completes the output ZeroMQ dropped while no one subscribed.
 *
 * <p>Bounded: the histories of the last {@code maxParents} requests to publish anything, and at most
 * {@code maxBytes} of JSON in all. Over a bound, the request that published least recently goes whole;
 * if the one request left is alone over the byte bound, its oldest messages go. Either way, a replay that
 * asks for it says {@code truncated}. Thread-safe: any thread may add and replay.
 */
public final class IopubHistory {
    public static final int DEFAULT_MAX_PARENTS = 32;
    /** As much as the server stores of one cell's output (jotter.outputs.max-bytes-per-cell); kept in the kernel's heap. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
    /** Overrides {@link #DEFAULT_MAX_BYTES}. */
    public static final String MAX_BYTES_ENV = "JOTTER_REPLAY_MAX_BYTES";
    /** How many wholly dropped requests are remembered, so that asking for one says truncated instead of nothing. */
    private static final int DROPPED_IDS_KEPT = 1024;

    /** One published message as JSON, with its place in the order of publishing. */
    private record Published(String parentMsgId, long sequence, byte[] json) {
    }

    private static final class ParentHistory {
        final Deque<Published> messages = new ArrayDeque<>();
        long bytes;
        boolean truncated;
    }

    private final int maxParents;
    private final long maxBytes;
    /** In the order of their latest message: the first is the one to drop. */
    private final LinkedHashMap<String, ParentHistory> parents = new LinkedHashMap<>();
    private final LinkedHashMap<String, Boolean> droppedIds = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > DROPPED_IDS_KEPT;
        }
    };
    private long bytes;
    private long nextSequence;

    public IopubHistory(int maxParents, long maxBytes) {
        if (maxParents < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("bounds must be positive: " + maxParents + " requests, "
                    + maxBytes + " bytes");
        }
        this.maxParents = maxParents;
        this.maxBytes = maxBytes;
    }

    /** The default bounds, the byte bound from {@value #MAX_BYTES_ENV} when it is set to a positive number. */
    public static IopubHistory fromEnvironment() {
        String value = System.getenv(MAX_BYTES_ENV);
        long maxBytes = DEFAULT_MAX_BYTES;
        if (value != null && !value.isBlank()) {
            try {
                maxBytes = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                maxBytes = 0;
            }
            if (maxBytes < 1) {
                KernelLog.warn(MAX_BYTES_ENV + " must be a positive number of bytes, not \"" + value
                        + "\"; keeping " + DEFAULT_MAX_BYTES, null);
                maxBytes = DEFAULT_MAX_BYTES;
            }
        }
        return new IopubHistory(DEFAULT_MAX_PARENTS, maxBytes);
    }

    /**
     * The JSON to keep of a message about to be published, or {@code null} when it answers no request. Call it
     * before taking the publisher's lock, and {@link #add} under it, so the history keeps the order of publishing.
     */
    public static byte[] jsonOf(Message<?> message) {
        if (message.parentHeader() == null || message.parentHeader().msgId() == null) {
            return null;
        }
        try {
            return Json.MAPPER.writeValueAsBytes(WebSocketMessages.toJsonObject(message));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps a message that {@link #jsonOf} gave JSON for; messages of one request are replayed in the order added. */
    public synchronized void add(String parentMsgId, byte[] json) {
        ParentHistory history = parents.remove(parentMsgId);
        if (history == null) {
            history = new ParentHistory();
            history.truncated = droppedIds.remove(parentMsgId) != null;
        }
        parents.put(parentMsgId, history);
        history.messages.addLast(new Published(parentMsgId, nextSequence++, json));
        history.bytes += json.length;
        bytes += json.length;
        while (parents.size() > maxParents || (bytes > maxBytes && parents.size() > 1)) {
            dropLeastRecentParent();
        }
        while (bytes > maxBytes && !history.messages.isEmpty()) {
            byte[] oldest = history.messages.removeFirst().json();
            history.bytes -= oldest.length;
            bytes -= oldest.length;
            history.truncated = true;
        }
    }

    private void dropLeastRecentParent() {
        Iterator<Map.Entry<String, ParentHistory>> eldest = parents.entrySet().iterator();
        Map.Entry<String, ParentHistory> dropped = eldest.next();
        bytes -= dropped.getValue().bytes;
        droppedIds.put(dropped.getKey(), Boolean.TRUE);
        eldest.remove();
    }

    /** The reply to a replay request: every message kept of these requests, in the order published. */
    public Content.ReplayReply replay(Collection<String> parentMsgIds) {
        List<Published> kept = new ArrayList<>();
        boolean truncated = false;
        synchronized (this) {
            for (String id : new LinkedHashSet<>(parentMsgIds)) { // an id asked twice is replayed once
                ParentHistory history = parents.get(id);
                if (history != null) {
                    kept.addAll(history.messages);
                    truncated |= history.truncated;
                } else {
                    truncated |= droppedIds.containsKey(id);
                }
            }
        }
        kept.sort(Comparator.comparingLong(Published::sequence));
        List<ObjectNode> messages = new ArrayList<>(kept.size());
        for (Published published : kept) {
            messages.add(parse(published.json()));
        }
        return Content.ReplayReply.ok(messages, truncated);
    }

    private static ObjectNode parse(byte[] json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a kept message is not JSON", e);
        }
    }
}
