package io.jotter.server.identity;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one secret that proves a request comes from the machine's user, as Jupyter Server's token:
 * {@code jotter.token} ({@code JOTTER_TOKEN}), or a random one made at startup and logged with the
 * URL to open.
 *
 * <p>The browser keeps a cookie, not the token: {@link #cookieValue()} is an HMAC of the token under a
 * secret that lives only in this process. A cookie read off a browser's disk reveals no token, and
 * every cookie dies with the server process (reopen the URL with the token after a restart).
 */
@Singleton
public class ServerToken {
    private static final Logger LOG = Logger.getLogger(ServerToken.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final boolean generated;
    private final byte[] tokenDigest;
    private final String cookieValue;
    private final byte[] cookieDigest;
    private final int port;

    public ServerToken(@ConfigProperty(name = "jotter.token") Optional<String> configured,
                       @ConfigProperty(name = "quarkus.http.port") int port) {
        this.generated = configured.map(String::isBlank).orElse(true);
        this.token = generated ? randomHex(24) : configured.get().strip();
        this.tokenDigest = sha256(token);
        this.cookieValue = hmac(randomBytes(32), token);
        this.cookieDigest = sha256(cookieValue);
        this.port = port;
    }

    void logUrl(@Observes StartupEvent event, AuthMode mode) {
        if (mode.accounts()) {
            LOG.infof("Jotter is running at http://127.0.0.1:%d/ with accounts: people sign in through Keycloak.", port);
            return;
        }
        // Like Jupyter: the full URL only when the token was made here; a configured one is not repeated.
        String query = generated ? token : "...";
        LOG.infof("Jotter is running. Open it in a browser at http://127.0.0.1:%d/?token=%s", port, query);
    }

    /** True if {@code candidate} is the token; constant time, whatever the candidate's length. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(tokenDigest, sha256(candidate));
    }

    /** The value of the cookie that stands for the token in a browser. */
    public String cookieValue() {
        return cookieValue;
    }

    /** True if {@code candidate} is this process's cookie value; constant time. */
    public boolean matchesCookie(String candidate) {
        return candidate != null && MessageDigest.isEqual(cookieDigest, sha256(candidate));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String randomHex(int bytes) {
        return HexFormat.of().formatHex(randomBytes(bytes));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
