package io.jotter.kernel.protocol;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns messages into ZeroMQ multipart frames and back:
 * {@code [identities..., "<IDS|MSG>", hmac, header, parent_header, metadata, content, buffers...]}.
 *
 * @see <a href="https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol">The wire protocol</a>
 */
public final class WireCodec {
    public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);
    /** A reader per type, made once: {@code readValue(bytes, type)} looks the type and its deserializer up each time. */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return Json.MAPPER.readerFor(type);
        }
    };

    private final MessageSigner signer;

    public WireCodec(MessageSigner signer) {
        this.signer = signer;
    }

    public List<byte[]> encode(Message<?> message) {
        try {
            byte[] header = Json.MAPPER.writeValueAsBytes(message.header());
            byte[] parent = message.parentHeader() == null ? EMPTY_OBJECT
                    : Json.MAPPER.writeValueAsBytes(message.parentHeader());
            byte[] metadata = message.metadata() == null ? EMPTY_OBJECT
                    : Json.MAPPER.writeValueAsBytes(message.metadata());
            byte[] content = Json.MAPPER.writeValueAsBytes(contentNode(message.content()));
            List<byte[]> signed = List.of(header, parent, metadata, content);
            List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
            frames.addAll(message.identities());
            frames.add(DELIMITER);
            frames.add(signer.sign(signed).getBytes(StandardCharsets.US_ASCII));
            frames.addAll(signed);
            frames.addAll(message.buffers());
            return frames;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Object contentNode(Content content) {
        return content instanceof Content.Unknown unknown ? unknown.raw() : content;
    }

    /**
     * Parses frames into a message.
     *
     * @throws InvalidSignatureException when the HMAC does not match (checked before any JSON is read)
     * @throws WireFormatException when the frames are not a message
     */
    public Message<?> decode(List<byte[]> frames) throws WireFormatException {
        int delimiter = indexOfDelimiter(frames);
        if (delimiter < 0) {
            throw new WireFormatException("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        }
        if (frames.size() - delimiter - 1 < 5) {
            throw new WireFormatException("truncated message: " + (frames.size() - delimiter - 1)
                    + " frames after the delimiter, at least 5 needed");
        }
        String signature = new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII);
        List<byte[]> signed = frames.subList(delimiter + 2, delimiter + 6);
        if (!signer.verify(signature, signed)) {
            throw new InvalidSignatureException("bad message signature");
        }
        Header header = read(signed.get(0), Header.class, "header");
        if (header.msgType() == null) {
            throw new WireFormatException("header has no msg_type");
        }
        // Each part is read once, straight into what it becomes: a tree first, then a record, read every message
        // twice (the gateway decodes every message a kernel sends).
        Header parent = isEmptyObject(signed.get(1)) || !startsAnObject(signed.get(1)) ? null
                : read(signed.get(1), Header.class, "parent_header");
        if (parent != null && parent.msgId() == null) {
            parent = null;
        }
        ObjectNode metadata = isEmptyObject(signed.get(2)) ? Json.MAPPER.createObjectNode()
                : read(signed.get(2), JsonNode.class, "metadata") instanceof ObjectNode object ? object : Json.MAPPER.createObjectNode();
        byte[] contentJson = signed.get(3);
        if (!startsAnObject(contentJson)) {
            throw new WireFormatException("content of " + header.msgType() + " is not a JSON object");
        }
        Class<? extends Content> type = MessageTypes.typeOf(header.msgType());
        Content content = type == null ? new Content.Unknown(read(contentJson, JsonNode.class, "content"))
                : read(contentJson, type, "content of " + header.msgType());
        return new Message<>(List.copyOf(frames.subList(0, delimiter)), header, parent, metadata, content,
                List.copyOf(frames.subList(delimiter + 6, frames.size())));
    }

    private static int indexOfDelimiter(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                return i;
            }
        }
        return -1;
    }

    private static <T> T read(byte[] json, Class<T> type, String what) throws WireFormatException {
        try {
            return READERS.get(type).readValue(json);
        } catch (JsonParseException e) {
            throw new WireFormatException(what + " is not valid JSON: " + e.getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new WireFormatException(what + " does not match the protocol: " + e.getMessage(), e);
        }
    }

    /** {@code {}}, as most parent headers and metadata are (whitespace allowed). */
    private static boolean isEmptyObject(byte[] json) {
        int open = skipSpace(json, 0);
        int close = open < json.length && json[open] == '{' ? skipSpace(json, open + 1) : json.length;
        return close < json.length && json[close] == '}' && skipSpace(json, close + 1) == json.length;
    }

    private static boolean startsAnObject(byte[] json) {
        int first = skipSpace(json, 0);
        return first < json.length && json[first] == '{';
    }

    private static int skipSpace(byte[] json, int from) {
        int i = from;
        while (i < json.length && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r')) {
            i++;
        }
        return i;
    }
}
