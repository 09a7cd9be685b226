package io.jotter.kernel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One Jupyter message, parsed.
 *
 * @param identities the ZeroMQ routing prefix (shell, control and stdin) or the topic (iopub)
 * @param header this message's header
 * @param parentHeader the header of the message this one answers, or {@code null}
 * @param metadata free-form; Jupyter clients put {@code cellId} here on execute requests
 * @param content the typed content
 * @param buffers extra binary frames, usually none
 */
public record Message<C extends Content>(List<byte[]> identities, Header header, Header parentHeader,
                                         ObjectNode metadata, C content, List<byte[]> buffers) {

    public String msgType() {
        return header.msgType();
    }

    /** A message caused by this one (a reply, or iopub output) with the same routing identities. */
    public <R extends Content> Message<R> child(R content, String session) {
        return child(MessageTypes.nameOf(content.getClass()), content, session);
    }

    /** As {@link #child(Content, String)}, with the message type named explicitly. */
    public <R extends Content> Message<R> child(String msgType, R content, String session) {
        String username = header.username() == null ? "kernel" : header.username();
        return new Message<>(identities, Header.create(msgType, session, username), header,
                Json.MAPPER.createObjectNode(), content, List.of());
    }

    /** A fresh message that answers nothing, for example the kernel's first {@code status: starting}. */
    public static <R extends Content> Message<R> unsolicited(R content, String session) {
        return new Message<>(List.of(), Header.create(MessageTypes.nameOf(content.getClass()), session, "kernel"),
                null, Json.MAPPER.createObjectNode(), content, List.of());
    }

    /** This message with another routing prefix, for example a topic for iopub. */
    public Message<C> withIdentities(List<byte[]> newIdentities) {
        return new Message<>(newIdentities, header, parentHeader, metadata, content, buffers);
    }

    /** A string from this message's metadata, or {@code null}. */
    public String metadataText(String field) {
        return metadata != null && metadata.hasNonNull(field) ? metadata.get(field).asText() : null;
    }
}
