package io.jotter.server.kernels;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServer;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How a kernel reads its owner's files, which live in PostgreSQL, not on the kernel's disk: each kernel
 * is started with the server's address and a secret of its own (an HMAC of its id under a key that
 * lives only in this process; with several replicas, one key they share in {@code server_secrets}, so that a
 * replica that adopts a kernel accepts its secret), and shows them on {@code /api/jotter/kernel-files/}. The secret opens
 * nothing but the files of the kernel's owner, read-only, and only while the kernel runs; the cells
 * that can read it are that owner's.
 */
@Singleton
public class KernelFileAccess {
    /** The environment a kernel finds them in (io.jotter.learn reads them). */
    public static final String URL_ENV = "JOTTER_FILES_URL";
    public static final String KERNEL_ENV = "JOTTER_KERNEL_ID";
    public static final String TOKEN_ENV = "JOTTER_FILES_TOKEN";

    private static final String KEY_NAME = "kernel-files-key";

    private volatile byte[] key = new byte[32];
    private final Instance<HttpServer> http;
    private final Optional<String> serverUrl;
    private final int configuredPort;

    private final EntityManager entities;
    private final ReplicasConfig replicas;

    public KernelFileAccess(Instance<HttpServer> http, EntityManager entities, ReplicasConfig replicas,
                            @ConfigProperty(name = "jotter.kernels.server-url") Optional<String> serverUrl,
                            @ConfigProperty(name = "quarkus.http.port") int configuredPort) {
        new SecureRandom().nextBytes(key);
        this.entities = entities;
        this.replicas = replicas;
        this.http = http;
        this.serverUrl = serverUrl;
        this.configuredPort = configuredPort;
    }

    /** With replicas, the key they share: made by the first replica to start, read by the others. */
    @Transactional
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!replicas.enabled()) {
            return;
        }
        entities.createNativeQuery("insert into server_secrets (name, value) values (?1, ?2) on conflict (name) do nothing")
                .setParameter(1, KEY_NAME).setParameter(2, key).executeUpdate();
        key = (byte[]) entities.createNativeQuery("select value from server_secrets where name = ?1")
                .setParameter(1, KEY_NAME).getSingleResult();
    }

    /** What a kernel with this id is started with. */
    public Map<String, String> environment(String kernelId) {
        return Map.of(URL_ENV, base() + "/api/jotter/kernel-files/", KERNEL_ENV, kernelId, TOKEN_ENV, tokenFor(kernelId));
    }

    /** True if {@code token} is the one this server gave the kernel {@code kernelId}; constant time. */
    public boolean matches(String kernelId, String token) {
        return kernelId != null && token != null && MessageDigest.isEqual(
                tokenFor(kernelId).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /** Local kernels reach the server on loopback, at the port it listens on (a test's is chosen at start). */
    private String base() {
        if (serverUrl.isPresent()) {
            return serverUrl.get().replaceAll("/+$", "");
        }
        int port = http.isResolvable() && http.get().getPort() > 0 ? http.get().getPort() : configuredPort;
        return "http://127.0.0.1:" + port;
    }

    private String tokenFor(String kernelId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(kernelId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
