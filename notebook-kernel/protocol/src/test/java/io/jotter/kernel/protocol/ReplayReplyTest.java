package io.jotter.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jotter's replay request and reply: their wire names and fields, and the replayed messages decoded. */
class ReplayReplyTest {
    private static final Message<Content.ExecuteRequest> EXECUTE = new Message<>(List.of(),
            Header.create("execute_request", "client", "alice"), null, Json.MAPPER.createObjectNode(),
            new Content.ExecuteRequest("1 + 1", null, null, null, null, null), List.of());

    @Test
    void requestAndReplyHaveTheirWireNamesAndSnakeCaseFields() {
        assertEquals("jotter_replay_request", MessageTypes.nameOf(Content.ReplayRequest.class));
        assertEquals(Content.ReplayReply.class, MessageTypes.typeOf(MessageTypes.replyNameOf("jotter_replay_request")));
        JsonNode request = Json.MAPPER.valueToTree(new Content.ReplayRequest(List.of("m-1")));
        assertEquals("m-1", request.get("parent_msg_ids").get(0).asText());
        JsonNode reply = Json.MAPPER.valueToTree(Content.ReplayReply.ok(List.of(), true));
        assertEquals("ok", reply.get("status").asText());
        assertTrue(reply.get("messages").isArray());
        assertTrue(reply.get("truncated").asBoolean());
        assertEquals(3, reply.size(), "decoded() is not a field");
    }

    @Test
    void aReplyThatCameOverTheWireDecodesItsMessagesAsLiveOnes() throws Exception {
        Message<?> stream = EXECUTE.child(new Content.Stream("stdout", "line 1\n"), "kernel");
        ObjectNode commJson = WebSocketMessages.toJsonObject(EXECUTE.child("debug_event",
                new Content.Unknown(Json.MAPPER.readTree("{\"comm_id\": \"c1\"}")), "kernel"));
        ObjectNode broken = WebSocketMessages.toJsonObject(EXECUTE.child(new Content.Status("idle"), "kernel"));
        broken.remove("header");
        WireCodec codec = new WireCodec(new MessageSigner("key"));
        Content.ReplayReply sent = Content.ReplayReply.ok(
                List.of(WebSocketMessages.toJsonObject(stream), commJson, broken), false);
        Message<?> reply = codec.decode(codec.encode(EXECUTE.child(sent, "kernel")));

        List<Message<?>> decoded = assertInstanceOf(Content.ReplayReply.class, reply.content()).decoded();
        assertEquals(2, decoded.size(), "the message without a header is left out");
        assertEquals(stream.header(), decoded.get(0).header());
        assertEquals(EXECUTE.header().msgId(), decoded.get(0).parentHeader().msgId());
        assertEquals(new Content.Stream("stdout", "line 1\n"), decoded.get(0).content());
        assertEquals("debug_event", decoded.get(1).msgType());
        Content.Unknown comm = assertInstanceOf(Content.Unknown.class, decoded.get(1).content());
        assertEquals("c1", comm.raw().get("comm_id").asText());
    }
}
