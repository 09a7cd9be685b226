package io.jotter.server.identity;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the token a kernel WebSocket was opened with expires: {@link BearerFilter} notes it as it admits
 * the handshake, and the endpoint takes it when the socket opens (the WebSocket layer sees neither the
 * verified identity nor the token). Keyed by kernel and client session: only the kernel's owner gets
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

    private static String key(String kernelId, String sessionId) {
        return kernelId + '\n' + (sessionId == null ? "" : sessionId);
    }
}
