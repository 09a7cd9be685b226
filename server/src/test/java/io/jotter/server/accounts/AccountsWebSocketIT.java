package io.jotter.server.accounts;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.server.TestAuth;
import io.jotter.server.identity.BearerFilter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The kernel WebSocket with accounts on: the token rides in the handshake's subprotocols, never in its URL. */
@QuarkusTest
@TestProfile(AccountsProfile.class)
@TestAuth.SendsNoToken
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsWebSocketIT {
    @TestHTTPResource("/")
    URI base;

    private String owner;
    private String kernelId;

    @BeforeAll
    void startAKernel() {
        owner = Keycloak.token("student1");
        kernelId = given().baseUri("http://" + base.getHost()).port(base.getPort()).auth().oauth2(owner).contentType("application/json").body("{\"name\": \"jotter-java\"}")
                .post("/api/kernels").then().statusCode(201).extract().path("id");
    }

    @AfterAll
    void stopIt() {
        given().baseUri("http://" + base.getHost()).port(base.getPort()).auth().oauth2(Keycloak.token("student1")).delete("/api/kernels/" + kernelId);
    }

    private URI channels(String kernel, String sessionId) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/api/kernels/" + kernel
                + "/channels?session_id=" + sessionId);
    }

    /** Collects text and the close code. */
    static final class Listener implements WebSocket.Listener {
        final StringBuilder text = new StringBuilder();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public synchronized CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closed.complete(code);
            return null;
        }

        synchronized String text() {
            return text.toString();
        }
    }

    private WebSocket open(String kernel, String token, String origin, Listener listener) throws Exception {
        return open(kernel, token, origin, listener, UUID.randomUUID().toString());
    }

    private WebSocket open(String kernel, String token, String origin, Listener listener, String sessionId)
            throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            builder.subprotocols("jotter", BearerFilter.SUBPROTOCOL_PREFIX + token);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(channels(kernel, sessionId), listener).get(20, TimeUnit.SECONDS);
    }

    private int refusedWith(String kernel, String token, String origin) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> open(kernel, token, origin, new Listener()));
        assertInstanceOf(WebSocketHandshakeException.class, e.getCause(), "the handshake was refused");
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    @Test
    void theOwnersTokenAsASubprotocolRunsACell() throws Exception {
        Listener listener = new Listener();
        String self = "http://" + base.getHost() + ":" + base.getPort();
        WebSocket socket = open(kernelId, owner, self, listener);
        try {
            socket.sendText(executeRequest("System.out.println(6 * 7);"), true).join();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!listener.text().contains("\"text\":\"42\\n\"") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(listener.text().contains("\"text\":\"42\\n\""), listener.text());
        } finally {
            socket.abort();
        }
    }

    @Test
    void noTokenAnotherUsersTokenOrAnotherSitesPageAreRefusedAtTheHandshake() {
        assertEquals(401, refusedWith(kernelId, null, null));
        assertEquals(401, refusedWith(kernelId, "not-a-token", null));
        assertEquals(404, refusedWith(kernelId, Keycloak.token("student2"), null));
        assertEquals(403, refusedWith(kernelId, owner, "https://evil.example"));
    }

    @Test
    void theSocketClosesWhenItsTokenExpires() throws Exception {
        // The local realm's jotter-test-expiry client issues tokens that live a few seconds.
        String shortLived = Keycloak.token(Keycloak.issuer(), "jotter-test-expiry", "student1", "student1");
        Listener listener = new Listener();
        open(kernelId, shortLived, null, listener);
        assertEquals(4401, listener.closed.get(60, TimeUnit.SECONDS));
    }

    @Test
    void aRenewedTokenKeepsTheSocketOpenPastTheFirstTokensExpiry() throws Exception {
        String sessionId = UUID.randomUUID().toString();
        String shortLived = Keycloak.token(Keycloak.issuer(), "jotter-test-expiry", "student1", "student1");
        Listener listener = new Listener();
        WebSocket socket = open(kernelId, shortLived, null, listener, sessionId);
        try {
            String renewal = "{\"kernel_id\": \"" + kernelId + "\", \"session_id\": \"" + sessionId + "\"}";
            given().baseUri("http://" + base.getHost()).port(base.getPort()).auth().oauth2(Keycloak.token("student2"))
                    .contentType("application/json").body(renewal).post("/api/jotter/sockets/renew").then().statusCode(404);
            given().baseUri("http://" + base.getHost()).port(base.getPort()).auth().oauth2(Keycloak.token("student1"))
                    .contentType("application/json").body(renewal).post("/api/jotter/sockets/renew").then().statusCode(204);
            // The first token lives 5 s: well past it, the socket is still open and works.
            assertThrows(TimeoutException.class, () -> listener.closed.get(9, TimeUnit.SECONDS));
            socket.sendText(executeRequest("System.out.println(\"still here\");"), true).join();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // The output's stream message, not the echo of the code (execute_input), which comes first.
            while (!listener.text().contains("\"text\":\"still here\\n\"") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(listener.text().contains("\"text\":\"still here\\n\""), listener.text());
        } finally {
            socket.abort();
        }
    }

    private static String executeRequest(String code) {
        return """
                {"channel": "shell", "buffers": [], "parent_header": {}, "metadata": {},
                 "header": {"msg_id": "%s", "session": "s", "username": "student1", "date": "2026-11-27T10:00:00Z",
                            "msg_type": "execute_request", "version": "5.3"},
                 "content": {"code": "%s", "silent": false, "store_history": true, "allow_stdin": false,
                             "stop_on_error": true, "user_expressions": {}}}
                """.formatted(UUID.randomUUID(), code.replace("\"", "\\\""));
    }
}
