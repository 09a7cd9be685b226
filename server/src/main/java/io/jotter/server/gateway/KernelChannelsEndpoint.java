package io.jotter.server.gateway;

import io.jotter.kernel.protocol.KernelBridge;
import io.jotter.kernel.protocol.WebSocketMessages;
import io.jotter.kernel.protocol.WireFormatException;
import io.jotter.server.kernels.KernelNotFoundException;
import io.jotter.server.kernels.KernelRegistry;
import io.jotter.server.kernels.RunningKernel;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import org.jboss.logging.Logger;

/** {@code /api/kernels/{id}/channels}: one instance per connection, bridged to the kernel's sockets. */
@ServerEndpoint("/api/kernels/{id}/channels")
public class KernelChannelsEndpoint {
    /** Close code for a kernel id that names no running kernel (4000-4999 are the application's). */
    public static final int NO_SUCH_KERNEL = 4004;
    private static final Logger LOG = Logger.getLogger(KernelChannelsEndpoint.class);
    /** A close reason is at most 123 bytes. */
    private static final int MAX_REASON = 120;

    @Inject
    KernelRegistry registry;

    private KernelBridge bridge;

    @OnOpen
    public void open(Session session, @PathParam("id") String id) throws IOException {
        RunningKernel kernel;
        try {
            kernel = registry.get(id);
        } catch (KernelNotFoundException e) {
            session.close(new CloseReason(() -> NO_SUCH_KERNEL, "no running kernel with id " + shorten(id)));
            return;
        }
        bridge = new KernelBridge(kernel.handle().connection(),
                (channel, message) -> send(session, WebSocketMessages.toJson(channel, message)));
    }

    @OnMessage
    public void message(Session session, String text) throws IOException {
        if (bridge == null) {
            return;
        }
        try {
            WebSocketMessages.Routed routed = WebSocketMessages.fromJson(text);
            bridge.send(routed.channel(), routed.message());
        } catch (WireFormatException e) {
            LOG.infof("closing a kernel connection after an invalid message: %s", e.getMessage());
            session.close(new CloseReason(CloseReason.CloseCodes.NOT_CONSISTENT,
                    shorten("invalid message: " + e.getMessage())));
        }
    }

    @OnClose
    public void close() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.debugf("kernel connection error: %s", error.toString());
    }

    /** Only the bridge's I/O thread calls this, so sends never overlap. */
    private static void send(Session session, String json) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.getBasicRemote().sendText(json);
        } catch (IOException e) {
            LOG.debugf("could not send to a closing kernel connection: %s", e.toString());
        }
    }

    private static String shorten(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...";
    }
}
