package io.jotter.kernel.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Header;
import io.jotter.kernel.protocol.Json;
import io.jotter.kernel.protocol.Message;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The history's order and its two bounds (requests and bytes), and when a replay says truncated. */
class IopubHistoryTest {
    /** The size of every test message in JSON: one stream message with a two-letter text, headers of one length. */
    private static final int SIZE = IopubHistory.jsonOf(output(request(), "xx")).length;

    @Test
    void replaysTheRequestsAskedForInTheOrderPublishedAndNothingForUnknownIds() {
        IopubHistory history = new IopubHistory(32, 1_000_000);
        Message<?> first = request();
        Message<?> second = request();
        publish(history, first, "a1");
        publish(history, second, "b1");
        publish(history, first, "a2");

        assertEquals(List.of("a1", "a2"), texts(history.replay(List.of(id(first)))));
        assertEquals(List.of("a1", "b1", "a2"), texts(history.replay(List.of(id(second), id(first), id(second)))));
        Content.ReplayReply unknown = history.replay(List.of("no-such-request"));
        assertEquals(List.of(), unknown.messages());
        assertFalse(unknown.truncated());
        assertEquals("ok", unknown.status());
    }

    @Test
    void keepsNothingOfMessagesThatAnswerNoRequest() {
        assertNull(IopubHistory.jsonOf(Message.unsolicited(new Content.Status("starting"), "kernel")));
    }

    @Test
    void keepsTheLastRequestsToPublishAndSaysTruncatedForOneDropped() {
        IopubHistory history = new IopubHistory(3, 1_000_000);
        List<Message<?>> requests = IntStream.range(0, 4).<Message<?>>mapToObj(i -> request()).toList();
        publish(history, requests.get(0), "r0");
        publish(history, requests.get(1), "r1");
        publish(history, requests.get(2), "r2");
        publish(history, requests.get(0), "R0"); // now r1 published least recently
        publish(history, requests.get(3), "r3");

        Content.ReplayReply dropped = history.replay(List.of(id(requests.get(1))));
        assertEquals(List.of(), dropped.messages());
        assertTrue(dropped.truncated(), "a request dropped whole is not a request that printed nothing");
        Content.ReplayReply kept = history.replay(List.of(id(requests.get(0)), id(requests.get(3))));
        assertEquals(List.of("r0", "R0", "r3"), texts(kept));
        assertFalse(kept.truncated());
    }

    @Test
    void overTheByteBoundDropsTheOldestRequestsWholeFirst() {
        IopubHistory history = new IopubHistory(32, 5L * SIZE);
        Message<?> old = request();
        Message<?> current = request();
        publish(history, old, "o1");
        publish(history, old, "o2");
        IntStream.range(1, 5).forEach(i -> publish(history, current, "c" + i));

        assertTrue(history.replay(List.of(id(old))).truncated());
        Content.ReplayReply kept = history.replay(List.of(id(current)));
        assertEquals(List.of("c1", "c2", "c3", "c4"), texts(kept));
        assertFalse(kept.truncated());
    }

    @Test
    void oneRequestAloneOverTheByteBoundLosesItsOldestMessages() {
        IopubHistory history = new IopubHistory(32, 3L * SIZE);
        Message<?> cell = request();
        IntStream.range(1, 6).forEach(i -> publish(history, cell, "c" + i));

        Content.ReplayReply kept = history.replay(List.of(id(cell)));
        assertEquals(List.of("c3", "c4", "c5"), texts(kept));
        assertTrue(kept.truncated());
    }

    @Test
    void aRequestThatPublishesAgainAfterBeingDroppedStaysTruncated() {
        IopubHistory history = new IopubHistory(1, 1_000_000);
        Message<?> cell = request();
        publish(history, cell, "c1");
        publish(history, request(), "xx");
        publish(history, cell, "c2");

        Content.ReplayReply kept = history.replay(List.of(id(cell)));
        assertEquals(List.of("c2"), texts(kept));
        assertTrue(kept.truncated());
    }

    private static void publish(IopubHistory history, Message<?> request, String text) {
        history.add(id(request), IopubHistory.jsonOf(output(request, text)));
    }

    private static Message<?> request() {
        return new Message<>(List.of(), header("execute_request"), null, Json.MAPPER.createObjectNode(),
                new Content.ExecuteRequest("x", null, null, null, null, null), List.of());
    }

    private static Message<?> output(Message<?> request, String text) {
        return new Message<>(List.of(), header("stream"), request.header(), Json.MAPPER.createObjectNode(),
                new Content.Stream("stdout", text), List.of());
    }

    /** A fresh msg_id, and a fixed date: {@link Header#create}'s varies in length with its fraction of a second. */
    private static Header header(String msgType) {
        return new Header(UUID.randomUUID().toString(), "s", "alice", "2026-12-01T10:00:00Z", msgType, "5.3");
    }

    private static String id(Message<?> request) {
        return request.header().msgId();
    }

    private static List<String> texts(Content.ReplayReply reply) {
        return reply.messages().stream().map(json -> json.get("content").get("text").asText()).toList();
    }
}
