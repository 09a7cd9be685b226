package io.jotter.server.identity;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * When the token a kernel WebSocket was opened with expires: {@link BearerFilter} notes it as it admits
 * the handshake, and the endpoint takes it when the socket opens (the WebSocket layer sees neither the
 * verified identity nor the token). A page that renews its token says so for each open socket, which
 * then lives as long as the renewed token. Keyed by kernel and client session: only the kernel's owner gets
 * that far, so the worst a mix-up between two of one owner's handshakes can do is close one of their
 * sockets early, and the client reconnects.
 */
@Singleton
public class SocketTokenExpiries {
    /** A handshake whose socket never opened is forgotten after this long. */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(2);

    private record Noted(Instant expires, Instant at) {
    }

    private final Map<String, Noted> noted = new ConcurrentHashMap<>();
    /** Open sockets, each told here when its owner's token was renewed. */
    private final Map<String, Consumer<Instant>> open = new ConcurrentHashMap<>();
    private final Clock clock;

    public SocketTokenExpiries(Clock clock) {
        this.clock = clock;
    }

    void note(String kernelId, String sessionId, Instant expires) {
        Instant now = clock.instant();
        noted.values().removeIf(entry -> entry.at().plus(FORGET_AFTER).isBefore(now));
        noted.put(key(kernelId, sessionId), new Noted(expires, now));
    }

    /** The expiry noted for this socket's handshake, once; empty in single-user mode. */
    public Optional<Instant> take(String kernelId, String sessionId) {
        return Optional.ofNullable(noted.remove(key(kernelId, sessionId))).map(Noted::expires);
    }

    /** An open socket to extend when a renewed token arrives; the returned action forgets it. */
    public Runnable opened(String kernelId, String sessionId, Consumer<Instant> extend) {
        String key = key(kernelId, sessionId);
        open.put(key, extend);
        return () -> open.remove(key, extend);
    }

    /** A renewed token for one of the caller's sockets: true if that socket is open (and now lives longer). */
    public boolean renewed(String kernelId, String sessionId, Instant expires) {
        Consumer<Instant> extend = open.get(key(kernelId, sessionId));
        if (extend == null) {
            return false;
        }
        extend.accept(expires);
        return true;
    }

    private static String key(String kernelId, String sessionId) {
        return kernelId + '\n' + (sessionId == null ? "" : sessionId);
    }
}
