package io.jotter.kernel.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
        JsonNode parentNode = read(signed.get(1), JsonNode.class, "parent_header");
        Header parent = parentNode.isObject() && parentNode.has("msg_id") ? convert(parentNode, Header.class, "parent_header") : null;
        JsonNode metadataNode = read(signed.get(2), JsonNode.class, "metadata");
        ObjectNode metadata = metadataNode instanceof ObjectNode object ? object : Json.MAPPER.createObjectNode();
        JsonNode contentNode = read(signed.get(3), JsonNode.class, "content");
        if (!contentNode.isObject()) {
            throw new WireFormatException("content of " + header.msgType() + " is not a JSON object");
        }
        Class<? extends Content> type = MessageTypes.typeOf(header.msgType());
        Content content = type == null ? new Content.Unknown(contentNode) : convert(contentNode, type, "content of " + header.msgType());
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
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new WireFormatException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static <T> T convert(JsonNode node, Class<T> type, String what) throws WireFormatException {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new WireFormatException(what + " does not match the protocol: " + e.getMessage(), e);
        }
    }
}
