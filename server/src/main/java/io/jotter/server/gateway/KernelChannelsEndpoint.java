package io.jotter.server.gateway;

import io.jotter.kernel.protocol.WebSocketMessages;
import io.jotter.kernel.protocol.WireFormatException;
import io.jotter.server.identity.SocketTokenExpiries;
import io.jotter.server.kernels.KernelNotFoundException;
import io.vertx.core.Vertx;
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
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * {@code /api/kernels/{id}/channels}: resolves the kernel and hands the connection to its
 * {@link KernelConnection}. The client's {@code session_id} query parameter (what
 * {@code @jupyterlab/services} sends) names it across reconnects, for replay. Opening, closing and the messages
 * that read or write the database (a cell's run, a widget's message) are handled in order on a worker thread, not
 * the I/O thread: finding a kernel another replica runs, noting a cell's run and sending a client the runs in flight
 * read or write the database, or wait on the kernel. Other messages ({@code kernel_info}, completions, ...) go to
 * the kernel from the I/O thread when the socket has nothing waiting for a worker, in order with the rest.
 */
// "jotter" is selected when offered: browsers fail a handshake that offered subprotocols (the access
// token rides as one, see BearerFilter) and got none back.
@ServerEndpoint(value = "/api/kernels/{id}/channels", subprotocols = "jotter")
public class KernelChannelsEndpoint {
    /** Close code for a kernel id that names no running kernel (4000-4999 are the application's). */
    public static final int NO_SUCH_KERNEL = 4004;
    /** Close code when the access token the socket was opened with expires: reconnect with a fresh one. */
    public static final int TOKEN_EXPIRED = 4401;
    private static final Logger LOG = Logger.getLogger(KernelChannelsEndpoint.class);
    /** Messages longer than this (characters) are parsed on a worker, not on the socket's I/O thread. */
    private static final int INLINE_PARSE_LIMIT = 64 * 1024;

    @Inject
    KernelConnections connections;

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    @Inject
    Clock clock;

    @Inject
    SocketTokenExpiries expiries;

    @Inject
    ManagedExecutor workers;

    /** This socket's work, one step after another. */
    private CompletableFuture<Void> steps = CompletableFuture.completedFuture(null);

    private long expiryTimer = -1;
    private Runnable forgetOpen = () -> { };
    private volatile KernelConnection kernel;
    private volatile ClientLink client;
    private StringBuilder pending = new StringBuilder();
    private long pendingBytes;
    private boolean tooBig;

    /** Runs {@code step} on a worker after this socket's earlier steps; one that fails is logged and ends the socket. */
    private synchronized void then(Runnable step) {
        steps = steps.thenRunAsync(step, workers).exceptionally(this::failed);
    }

    /**
     * Runs {@code step}, which neither blocks nor reads the database, here on the socket's I/O thread when nothing
     * of this socket's is waiting for a worker, and after it otherwise: a {@code kernel_info} or a completion goes
     * to the kernel without a hand-off, in order with the rest.
     */
    private synchronized void nowOrThen(Runnable step) {
        if (!steps.isDone()) {
            then(step);
            return;
        }
        try {
            step.run();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private Void failed(Throwable failure) {
        LOG.warnf("a kernel connection's step failed: %s", failure.toString());
        if (client != null) {
            client.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "the server failed: " + failure.getMessage());
        }
        return null;
    }

    @OnOpen
    public void open(Session session, @PathParam("id") String id) {
        then(() -> {
            try {
                attach(session, id);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void attach(Session session, String id) throws IOException {
        try {
            kernel = connections.get(id);
        } catch (KernelNotFoundException e) {
            session.close(new CloseReason(() -> NO_SUCH_KERNEL, ClientLink.shorten("no running kernel with id " + id)));
            return;
        }
        List<String> sessionIds = session.getRequestParameterMap().get("session_id");
        String requested = sessionIds == null || sessionIds.isEmpty() ? null : sessionIds.get(0);
        String sessionId = requested == null || requested.isBlank() ? UUID.randomUUID().toString() : requested;
        client = new ClientLink(session, sessionId, config);
        kernel.attach(client);
        closeWhenTheTokenExpires(id, requested, client);
    }

    /**
     * A socket lives no longer than the access token it was opened with (BearerFilter checked it at the
     * handshake): the client reconnects with a fresh token and misses nothing, since the kernel's messages
     * are kept for its session and replayed.
     */
    private void closeWhenTheTokenExpires(String kernelId, String requestedSessionId, ClientLink link) {
        expiries.take(kernelId, requestedSessionId).ifPresent(expires -> {
            closeAt(expires, link);
            forgetOpen = expiries.opened(kernelId, requestedSessionId, renewed -> closeAt(renewed, link));
        });
    }

    private synchronized void closeAt(Instant expires, ClientLink link) {
        if (expiryTimer >= 0) {
            vertx.cancelTimer(expiryTimer);
        }
        expiryTimer = vertx.setTimer(Math.max(1, expires.toEpochMilli() - clock.millis()),
                timer -> link.close(() -> TOKEN_EXPIRED, "the access token expired: reconnect with a fresh one"));
    }

    /**
     * Parts of a message as they arrive, so an oversized one is refused as soon as it passes the limit,
     * never held whole. (Undertow's own limits drop such a message without telling the client.)
     */
    @OnMessage
    public void message(Session session, String part, boolean last) {
        if (tooBig) {
            return;
        }
        pending.append(part);
        pendingBytes += Utf8.length(part);
        if (pendingBytes > config.maxMessageSize()) {
            tooBig = true;
            pending = new StringBuilder();
            LOG.infof("closing a kernel connection: a message passed the %d-byte limit", config.maxMessageSize());
            then(() -> {
                if (client != null) {
                    client.close(CloseReason.CloseCodes.TOO_BIG, "message over " + config.maxMessageSize() + " bytes");
                }
            });
            return;
        }
        if (!last) {
            return;
        }
        String text = pending.toString();
        pending = new StringBuilder();
        pendingBytes = 0;
        if (text.length() > INLINE_PARSE_LIMIT) {
            then(() -> toKernel(text));
            return;
        }
        WebSocketMessages.Routed routed;
        try {
            routed = WebSocketMessages.fromJson(text);
        } catch (WireFormatException e) {
            then(() -> invalid(e));
            return;
        }
        if (KernelConnection.notedInTheDatabase(routed.message())) {
            then(() -> toKernel(routed));
        } else {
            nowOrThen(() -> toKernel(routed));
        }
    }

    private void toKernel(String text) {
        try {
            toKernel(WebSocketMessages.fromJson(text));
        } catch (WireFormatException e) {
            invalid(e);
        }
    }

    private void toKernel(WebSocketMessages.Routed routed) {
        if (kernel != null) {
            kernel.toKernel(client, routed);
        }
    }

    private void invalid(WireFormatException e) {
        if (client != null) {
            LOG.infof("closing a kernel connection after an invalid message: %s", e.getMessage());
            client.close(CloseReason.CloseCodes.NOT_CONSISTENT, "invalid message: " + e.getMessage());
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        synchronized (this) {
            if (expiryTimer >= 0) {
                vertx.cancelTimer(expiryTimer);
            }
        }
        then(() -> {
            forgetOpen.run();
            if (kernel != null) {
                kernel.detach(client);
            }
        });
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.debugf("kernel connection error: %s", error.toString());
    }
}
