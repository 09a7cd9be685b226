package io.jotter.server.gateway;

import io.jotter.kernel.protocol.WebSocketMessages;
import io.jotter.kernel.protocol.WireFormatException;
import io.jotter.server.kernels.KernelNotFoundException;
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
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code /api/kernels/{id}/channels}: resolves the kernel and hands the connection to its
 * {@link KernelConnection}. The client's {@code session_id} query parameter (what
 * {@code @jupyterlab/services} sends) names it across reconnects, for replay.
 */
@ServerEndpoint("/api/kernels/{id}/channels")
public class KernelChannelsEndpoint {
    /** Close code for a kernel id that names no running kernel (4000-4999 are the application's). */
    public static final int NO_SUCH_KERNEL = 4004;
    private static final Logger LOG = Logger.getLogger(KernelChannelsEndpoint.class);

    @Inject
    KernelConnections connections;

    @Inject
    GatewayConfig config;

    private KernelConnection kernel;
    private ClientLink client;
    private StringBuilder pending = new StringBuilder();
    private long pendingBytes;
    private boolean tooBig;

    @OnOpen
    public void open(Session session, @PathParam("id") String id) throws IOException {
        try {
            kernel = connections.get(id);
        } catch (KernelNotFoundException e) {
            session.close(new CloseReason(() -> NO_SUCH_KERNEL, ClientLink.shorten("no running kernel with id " + id)));
            return;
        }
        List<String> sessionIds = session.getRequestParameterMap().get("session_id");
        String sessionId = sessionIds == null || sessionIds.isEmpty() || sessionIds.get(0).isBlank()
                ? UUID.randomUUID().toString() : sessionIds.get(0);
        client = new ClientLink(session, sessionId, config);
        kernel.attach(client);
    }

    /**
     * Parts of a message as they arrive, so an oversized one is refused as soon as it passes the limit,
     * never held whole. (Undertow's own limits drop such a message without telling the client.)
     */
    @OnMessage
    public void message(Session session, String part, boolean last) {
        if (kernel == null || tooBig) {
            return;
        }
        pending.append(part);
        pendingBytes += Utf8.length(part);
        if (pendingBytes > config.maxMessageSize()) {
            tooBig = true;
            pending = new StringBuilder();
            LOG.infof("closing a kernel connection: a message passed the %d-byte limit", config.maxMessageSize());
            client.close(CloseReason.CloseCodes.TOO_BIG, "message over " + config.maxMessageSize() + " bytes");
            return;
        }
        if (!last) {
            return;
        }
        String text = pending.toString();
        pending = new StringBuilder();
        pendingBytes = 0;
        try {
            kernel.toKernel(client, WebSocketMessages.fromJson(text));
        } catch (WireFormatException e) {
            LOG.infof("closing a kernel connection after an invalid message: %s", e.getMessage());
            client.close(CloseReason.CloseCodes.NOT_CONSISTENT, "invalid message: " + e.getMessage());
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        if (kernel != null) {
            kernel.detach(client);
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.debugf("kernel connection error: %s", error.toString());
    }
}
