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
 * every Jupyter client shows it: text on stderr in the cell that caused it, or a kernel status. A notice
 * carries the kernel's own session in its header: JupyterLab's client takes a message from another session
 * for one from a previous kernel and drops it, if a kernel message arrived meanwhile.
 */
final class Notices {
    /** The session of a notice sent before the kernel said anything. */
    static final String SERVER_SESSION = "jotter-server";

    private Notices() {
    }

    /** Text shown in the output of the cell whose request is {@code parent} (none: shown nowhere in particular). */
    static String stderr(String session, Header parent, String text) {
        return iopub(session, parent, new Content.Stream("stderr", text));
    }

    /** A status that no request caused: {@code dead}, {@code restarting}, {@code starting}. */
    static String status(String session, String executionState) {
        return iopub(session, null, new Content.Status(executionState));
    }

    private static String iopub(String session, Header parent, Content content) {
        String type = content instanceof Content.Stream ? "stream" : "status";
        Message<Content> message = new Message<>(List.of(), Header.create(type, session, "jotter"), parent,
                Json.MAPPER.createObjectNode(), content, List.of());
        return WebSocketMessages.toJson(Channel.IOPUB, message);
    }
}
