package io.jotter.server.gateway;

import io.jotter.kernel.protocol.Channel;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Header;
import io.jotter.kernel.protocol.Json;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.protocol.WebSocketMessages;
import java.util.List;

/**
 * What the server itself tells a client on the kernel's iopub channel, in the kernel's message form so
 * every Jupyter client shows it: text on stderr in the cell that caused it, or a kernel status.
 */
final class Notices {
    private static final String SESSION = "jotter-server";

    private Notices() {
    }

    /** Text shown in the output of the cell whose request is {@code parent} (none: shown nowhere in particular). */
    static String stderr(Header parent, String text) {
        return iopub(parent, new Content.Stream("stderr", text));
    }

    /** A status that no request caused: {@code dead}, {@code restarting}, {@code starting}. */
    static String status(String executionState) {
        return iopub(null, new Content.Status(executionState));
    }

    private static String iopub(Header parent, Content content) {
        String type = content instanceof Content.Stream ? "stream" : "status";
        Message<Content> message = new Message<>(List.of(), Header.create(type, SESSION, "jotter"), parent,
                Json.MAPPER.createObjectNode(), content, List.of());
        return WebSocketMessages.toJson(Channel.IOPUB, message);
    }
}
