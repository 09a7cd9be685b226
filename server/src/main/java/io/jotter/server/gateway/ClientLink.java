package io.jotter.server.gateway;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One browser tab's WebSocket on a kernel. Sends are asynchronous, so a slow client never holds up the
 * kernel's other clients; one that lets too much pile up is disconnected, and catches up from its
 * replay buffer when it reconnects.
 */
final class ClientLink {
    private static final Logger LOG = Logger.getLogger(ClientLink.class);
    /** A close reason is at most 123 bytes. */
    private static final int MAX_REASON = 120;

    private final Session session;
    private final String sessionId;
    private final long maxUnsentBytes;
    private final OutputRateLimiter limiter;
    private final AtomicLong unsent = new AtomicLong();
    /** The sessions its messages' headers name; usually just {@link #sessionId}. */
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();

    ClientLink(Session session, String sessionId, GatewayConfig config) {
        this.session = session;
        this.sessionId = sessionId;
        sessions.add(sessionId);
        this.maxUnsentBytes = config.maxUnsentBytes();
        this.limiter = new OutputRateLimiter(config.iopubMsgRateLimit(), config.iopubDataRateLimit(),
                config.rateLimitWindow());
    }

    /** The client's session id: the {@code session} in the headers of the messages it sends. */
    String sessionId() {
        return sessionId;
    }

    /** Replies to requests made under this session are this client's. */
    void sentUnder(String session) {
        if (session != null) {
            sessions.add(session);
        }
    }

    boolean owns(String session) {
        return session != null && sessions.contains(session);
    }

    Set<String> sessions() {
        return Set.copyOf(sessions);
    }

    OutputRateLimiter limiter() {
        return limiter;
    }

    void send(String json) {
        if (!session.isOpen()) {
            return;
        }
        if (unsent.addAndGet(json.length()) > maxUnsentBytes) {
            close(CloseReason.CloseCodes.TRY_AGAIN_LATER, "the client did not keep up; reconnect to catch up");
            return;
        }
        session.getAsyncRemote().sendText(json, result -> {
            unsent.addAndGet(-json.length());
            if (!result.isOK()) {
                LOG.debugf("could not send to a kernel client: %s", result.getException());
            }
        });
    }

    void close(CloseReason.CloseCode code, String reason) {
        try {
            session.close(new CloseReason(code, shorten(reason)));
        } catch (IOException e) {
            LOG.debugf("closing a kernel client: %s", e);
        }
    }

    static String shorten(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...";
    }
}
