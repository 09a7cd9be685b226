package io.jotter.kernel.protocol;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The kernel WebSocket's JSON form of a message, as Jupyter Server and {@code @jupyterlab/services}
 * speak it: {@code {"channel", "header", "parent_header", "metadata", "content", "buffers"}}, no
 * signature (the server signs toward the kernel). Binary buffers are not carried yet. The same JSON,
 * without the channel, carries the messages of a {@link Content.ReplayReply}.
 */
public final class WebSocketMessages {
    /** A message and the channel it travels on. */
    public record Routed(Channel channel, Message<?> message) {
    }

    private static final Map<String, Object> EMPTY = Map.of();

    private WebSocketMessages() {
    }

    /**
     * The JSON a client receives. Written in one pass from the message's parts (no tree built first): the gateway
     * writes one for every message it relays, and building a tree, then a string, was most of its JSON work.
     */
    public static String toJson(Channel channel, Message<?> message) {
        try {
            return Json.MAPPER.writeValueAsString(new Wire(channel.wireName(), message.header(),
                    message.parentHeader() == null ? EMPTY : message.parentHeader(),
                    message.metadata() == null ? EMPTY : message.metadata(),
                    message.content() instanceof Content.Unknown unknown ? unknown.raw() : message.content(),
                    message.header().msgId(), message.msgType(), List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The fields of {@link #toJson}, in Jupyter Server's order (snake_case by {@link Json#MAPPER}). */
    @JsonPropertyOrder({"channel", "header", "parent_header", "metadata", "content", "msg_id", "msg_type", "buffers"})
    private record Wire(String channel, Header header, Object parentHeader, Object metadata, Object content,
                        String msgId, String msgType, List<Object> buffers) {
    }

    /**
     * A message as Jupyter's JSON object without channel and buffers: {@code header}, {@code parent_header}
     * ({@code {}} when it has none), {@code metadata}, {@code content}; the form of a {@link Content.ReplayReply}'s
     * messages, which {@link #messageOf} reads back.
     */
    public static ObjectNode toJsonObject(Message<?> message) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("header", Json.MAPPER.valueToTree(message.header()));
        json.set("parent_header", message.parentHeader() == null ? Json.MAPPER.createObjectNode()
                : Json.MAPPER.valueToTree(message.parentHeader()));
        json.set("metadata", message.metadata() == null ? Json.MAPPER.createObjectNode() : message.metadata());
        json.set("content", message.content() instanceof Content.Unknown unknown ? unknown.raw()
                : Json.MAPPER.valueToTree(message.content()));
        return json;
    }

    /**
     * Parses a client's message.
     *
     * @throws WireFormatException when it is not JSON, names no known channel, or has no header with a msg_type
     */
    public static Routed fromJson(String text) throws WireFormatException {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new WireFormatException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new WireFormatException("a message must be a JSON object");
        }
        Channel channel = channelOf(json.path("channel").asText(""));
        return new Routed(channel, messageOf(json));
    }

    /**
     * A message from its JSON object ({@code header}, {@code parent_header}, {@code metadata}, {@code content};
     * any other field is ignored), with {@link Content.Unknown} content for a type this side does not know.
     */
    static Message<?> messageOf(JsonNode json) throws WireFormatException {
        Header header;
        try {
            header = Json.MAPPER.treeToValue(json.path("header"), Header.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new WireFormatException("header does not match the protocol: " + e.getMessage(), e);
        }
        if (header == null || header.msgType() == null || header.msgId() == null) {
            throw new WireFormatException("header needs msg_id and msg_type");
        }
        JsonNode parentNode = json.path("parent_header");
        Header parent = null;
        if (parentNode.isObject() && parentNode.has("msg_id")) {
            try {
                parent = Json.MAPPER.treeToValue(parentNode, Header.class);
            } catch (JsonProcessingException e) {
                throw new WireFormatException("parent_header does not match the protocol: " + e.getMessage(), e);
            }
        }
        ObjectNode metadata = json.path("metadata") instanceof ObjectNode object ? object : Json.MAPPER.createObjectNode();
        JsonNode contentNode = json.path("content");
        if (!contentNode.isObject()) {
            throw new WireFormatException("content must be a JSON object");
        }
        Class<? extends Content> type = MessageTypes.typeOf(header.msgType());
        Content content;
        try {
            content = type == null ? new Content.Unknown(contentNode) : Json.MAPPER.treeToValue(contentNode, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new WireFormatException("content of " + header.msgType() + " does not match the protocol: "
                    + e.getMessage(), e);
        }
        return new Message<>(List.of(), header, parent, metadata, content, List.of());
    }

    private static Channel channelOf(String name) throws WireFormatException {
        for (Channel channel : Channel.values()) {
            if (channel.wireName().equals(name) && channel != Channel.HEARTBEAT && channel != Channel.IOPUB) {
                return channel;
            }
        }
        throw new WireFormatException("channel must be shell, control or stdin, not \"" + name + "\"");
    }
}
