package io.jotter.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private static final byte[] IDENTITY = "client-1".getBytes(StandardCharsets.UTF_8);
    private final WireCodec codec = new WireCodec(new MessageSigner("secret-key"));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Frames as jupyter_client would send them, signed with {@code key}. */
    private static List<byte[]> framesFromClient(String key, String msgType, String content) {
        byte[] header = utf8("{\"msg_id\":\"m1\",\"session\":\"s1\",\"username\":\"u\",\"date\":\"2026-01-01T00:00:00Z\","
                + "\"msg_type\":\"" + msgType + "\",\"version\":\"5.3\"}");
        List<byte[]> signed = List.of(header, utf8("{}"), utf8("{\"cellId\":\"c-7\"}"), utf8(content));
        List<byte[]> frames = new ArrayList<>();
        frames.add(IDENTITY);
        frames.add(WireCodec.DELIMITER);
        frames.add(utf8(new MessageSigner(key).sign(signed)));
        frames.addAll(signed);
        return frames;
    }

    @Test
    void parsesAnExecuteRequestWithSpecDefaults() throws Exception {
        Message<?> message = codec.decode(framesFromClient("secret-key", "execute_request", "{\"code\":\"1+1\"}"));
        Content.ExecuteRequest request = assertInstanceOf(Content.ExecuteRequest.class, message.content());
        assertEquals("1+1", request.code());
        assertFalse(request.isSilent());
        assertTrue(request.storesHistory());
        assertTrue(request.allowsStdin());
        assertTrue(request.stopsOnError());
        assertEquals("c-7", message.metadataText("cellId"));
        assertArrayEquals(IDENTITY, message.identities().get(0));
        assertNull(message.parentHeader());
    }

    @Test
    void roundTripsAReplyWithSnakeCaseFieldsAndAValidSignature() throws Exception {
        Message<?> request = codec.decode(framesFromClient("secret-key", "complete_request", "{\"code\":\"Ma\",\"cursor_pos\":2}"));
        Message<?> reply = request.child(new Content.CompleteReply("ok", List.of("Math"), 0, 2, Json.MAPPER.createObjectNode()), "k");
        List<byte[]> frames = codec.encode(reply);
        String content = new String(frames.get(frames.size() - 1), StandardCharsets.UTF_8);
        assertTrue(content.contains("\"cursor_start\":0"), content);
        assertTrue(content.contains("\"cursor_end\":2"), content);
        Message<?> back = codec.decode(frames);
        assertEquals("complete_reply", back.msgType());
        assertEquals("m1", back.parentHeader().msgId());
        assertEquals(List.of("Math"), ((Content.CompleteReply) back.content()).matches());
    }

    @Test
    void readsAParentHeaderAndMetadataInEveryFormAPeerSends() throws Exception {
        Message<?> reply = codec.decode(codec.encode(codec.decode(framesFromClient("secret-key", "kernel_info_request", "{}"))
                .child(new Content.Status("busy"), "k-1")));
        assertEquals("m1", reply.parentHeader().msgId());
        for (String parent : List.of("{}", " { } ", "{\"date\": \"\"}", "null", "[]")) {
            List<byte[]> frames = framesFromClient("secret-key", "status", "{\"execution_state\": \"idle\"}");
            frames.set(4, utf8(parent));
            frames.set(2, utf8(new MessageSigner("secret-key").sign(frames.subList(3, 7))));
            Message<?> message = codec.decode(frames);
            assertNull(message.parentHeader(), parent + " names no request");
            assertEquals("c-7", message.metadataText("cellId"));
        }
        List<byte[]> frames = framesFromClient("secret-key", "status", " [1] ");
        assertThrows(WireFormatException.class, () -> codec.decode(frames), "content must be an object");
    }

    @Test
    void rejectsABadSignatureBeforeReadingAnything() {
        List<byte[]> frames = framesFromClient("wrong-key", "execute_request", "{\"code\":\"System.exit(1)\"}");
        assertThrows(InvalidSignatureException.class, () -> codec.decode(frames));
    }

    @Test
    void rejectsATamperedContentFrame() {
        List<byte[]> frames = framesFromClient("secret-key", "execute_request", "{\"code\":\"1\"}");
        frames.set(frames.size() - 1, utf8("{\"code\":\"2\"}"));
        assertThrows(InvalidSignatureException.class, () -> codec.decode(frames));
    }

    @Test
    void rejectsATruncatedMessage() {
        List<byte[]> frames = framesFromClient("secret-key", "execute_request", "{\"code\":\"1\"}");
        List<byte[]> truncated = frames.subList(0, frames.size() - 2);
        WireFormatException error = assertThrows(WireFormatException.class, () -> codec.decode(truncated));
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
    }

    @Test
    void rejectsFramesWithoutADelimiter() {
        WireFormatException error = assertThrows(WireFormatException.class,
                () -> codec.decode(List.of(utf8("a"), utf8("b"))));
        assertTrue(error.getMessage().contains("delimiter"), error.getMessage());
    }

    @Test
    void rejectsContentThatIsNotJson() {
        List<byte[]> frames = framesFromClient("secret-key", "execute_request", "{not json");
        assertThrows(WireFormatException.class, () -> codec.decode(frames));
    }

    @Test
    void keepsAnUnknownMessageTypeAsUnknownContent() throws Exception {
        Message<?> message = codec.decode(framesFromClient("secret-key", "foo_request", "{\"x\":1}"));
        Content.Unknown unknown = assertInstanceOf(Content.Unknown.class, message.content());
        assertEquals(1, unknown.raw().get("x").asInt());
        assertEquals("foo_reply", MessageTypes.replyNameOf(message.msgType()));
    }

    @Test
    void writesTheTransientDisplayIdAndTheWaitFlagUnderTheirWireNames() {
        Message<?> display = Message.unsolicited(new Content.DisplayData(Json.MAPPER.createObjectNode(),
                Json.MAPPER.createObjectNode(), Map.of("display_id", "d1")), "k");
        List<byte[]> displayFrames = codec.encode(display);
        String json = new String(displayFrames.get(displayFrames.size() - 1), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"transient\":{\"display_id\":\"d1\"}"), json);
        List<byte[]> clearFrames = codec.encode(Message.unsolicited(new Content.ClearOutput(true), "k"));
        String clear = new String(clearFrames.get(clearFrames.size() - 1),
                StandardCharsets.UTF_8);
        assertEquals("{\"wait\":true}", clear);
    }

    @Test
    void anEmptyKeyMeansNoSignature() throws Exception {
        WireCodec unsigned = new WireCodec(new MessageSigner(""));
        List<byte[]> frames = framesFromClient("", "kernel_info_request", "{}");
        assertEquals("", new String(frames.get(2), StandardCharsets.UTF_8));
        assertInstanceOf(Content.KernelInfoRequest.class, unsigned.decode(frames).content());
    }
}
