package io.jotter.server.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.server.TestAuth;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The token on HTTP and on the kernel channels' WebSocket handshake, with a real WebSocket client. */
@QuarkusTest
@TestAuth.SendsNoToken
class TokenAuthIT {
    @TestHTTPResource("/")
    URI base;

    @Test
    void aRequestWithoutTokenIsRefusedWithAJsonMessage() {
        given().when().get("/api/status").then()
                .statusCode(401)
                .contentType("application/json")
                .body("message", not(containsString("Exception")));
    }

    @Test
    void aWrongTokenIsRefused() {
        given().header("Authorization", "token not-the-token").when().get("/api/status").then()
                .statusCode(401).body("message", equalTo("Invalid token."));
        given().queryParam("token", "not-the-token").when().get("/api/status").then().statusCode(401);
        given().header("Authorization", "token " + TestAuth.TOKEN + "x").when().get("/api/status").then()
                .statusCode(401);
    }

    @Test
    void theTokenInTheHeaderOrTheQueryOpensTheApi() {
        given().header("Authorization", TestAuth.AUTHORIZATION).when().get("/api/status").then().statusCode(200);
        given().header("Authorization", "Bearer " + TestAuth.TOKEN).when().get("/api/status").then().statusCode(200);
        given().queryParam("token", TestAuth.TOKEN).redirects().follow(false)
                .when().get("/api/status").then().statusCode(200);
    }

    @Test
    void aPageOpenedWithTheTokenGetsTheCookieAndLosesTheTokenFromItsUrl() {
        Response opened = given().redirects().follow(false).queryParam("token", TestAuth.TOKEN).queryParam("x", "1")
                .when().get("/");
        opened.then().statusCode(302).header("Location", "/?x=1");
        String setCookie = opened.header("Set-Cookie");
        assertTrue(setCookie.toLowerCase(java.util.Locale.ROOT).contains("; httponly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        assertTrue(setCookie.contains("Max-Age=2592000"), "kept 30 days, across browser restarts: " + setCookie);
        assertTrue(!setCookie.contains(TestAuth.TOKEN), "the cookie is not the token: " + setCookie);
        var cookies = opened.getDetailedCookies();
        var cookie = cookies.asList().get(0);

        given().cookie(cookie.getName(), cookie.getValue()).when().get("/").then()
                .statusCode(200).contentType(containsString("text/html")).body(containsString("<div id=\"app\">"));
        given().cookie(cookie.getName(), cookie.getValue()).when().get("/api/status").then().statusCode(200);
        given().cookie(cookie.getName(), "forged").when().get("/api/status").then().statusCode(401);
    }

    @Test
    void aCookieChangesSomethingOnlyFromOurOwnPages() {
        var cookie = given().redirects().follow(false).queryParam("token", TestAuth.TOKEN).when().get("/")
                .getDetailedCookies().asList().get(0);
        String self = "http://" + base.getHost() + ":" + base.getPort();
        String folder = "{\"type\": \"directory\"}";
        given().cookie(cookie.getName(), cookie.getValue()).header("Origin", "http://127.0.0.1:1")
                .contentType("text/plain").body(folder)
                .when().put("/api/contents/from-elsewhere-" + java.util.UUID.randomUUID()).then().statusCode(403);
        given().cookie(cookie.getName(), cookie.getValue()).contentType("application/json").body(folder)
                .when().put("/api/contents/no-origin-" + java.util.UUID.randomUUID()).then().statusCode(403);
        given().cookie(cookie.getName(), cookie.getValue()).header("Origin", self).contentType("application/json")
                .body(folder).when().put("/api/contents/from-our-page-" + java.util.UUID.randomUUID()).then()
                .statusCode(201);
        given().cookie(cookie.getName(), cookie.getValue()).header("Origin", "http://127.0.0.1:1")
                .when().get("/api/status").then().statusCode(200);
    }

    @Test
    void theRootPageWithoutTokenSaysWhatToDo() {
        given().accept("text/html").when().get("/").then()
                .statusCode(401).contentType(containsString("text/html")).body(containsString("token"));
    }

    @Test
    void healthProbesNeedNoToken() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health").then().statusCode(200);
    }

    @Test
    void meDescribesTheOneUserAndGrantsWhatIsAsked() {
        given().header("Authorization", TestAuth.AUTHORIZATION)
                .queryParam("permissions", "{\"contents\": [\"read\", \"write\"], \"kernels\": [\"execute\"]}")
                .when().get("/api/me").then()
                .statusCode(200)
                .body("identity.username", equalTo("jotter"))
                .body("identity.name", equalTo("jotter"))
                .body("identity.display_name", equalTo("jotter"))
                .body("identity.initials", equalTo("J"))
                .body("identity", org.hamcrest.Matchers.hasKey("avatar_url"))
                .body("identity.avatar_url", org.hamcrest.Matchers.nullValue())
                .body("identity", org.hamcrest.Matchers.hasKey("color"))
                .body("permissions.contents", org.hamcrest.Matchers.contains("read", "write"))
                .body("permissions.kernels", org.hamcrest.Matchers.contains("execute"));
        given().header("Authorization", TestAuth.AUTHORIZATION).when().get("/api/me").then()
                .statusCode(200).body("permissions.size()", equalTo(0));
        given().header("Authorization", TestAuth.AUTHORIZATION).queryParam("permissions", "[not json")
                .when().get("/api/me").then().statusCode(400).body("message", containsString("permissions"));
        given().when().get("/api/me").then().statusCode(401);
    }

    // The WebSocket: the filter runs on the upgrade request, before Undertow's endpoint sees it.

    private URI channels() {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/api/kernels/no-such-kernel/channels");
    }

    /** Accepts the handshake; the endpoint then closes, as no kernel has that id. */
    private static final class Listener implements WebSocket.Listener {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }

    private static int handshakeStatus(ExecutionException e) {
        assertInstanceOf(WebSocketHandshakeException.class, e.getCause(), "the handshake was refused");
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    @Test
    void aWebSocketHandshakeWithoutTokenIsRefused() {
        HttpClient client = HttpClient.newHttpClient();
        ExecutionException refused = assertThrows(ExecutionException.class, () -> client.newWebSocketBuilder()
                .buildAsync(channels(), new Listener()).get(10, TimeUnit.SECONDS));
        assertEquals(401, handshakeStatus(refused));
        ExecutionException wrong = assertThrows(ExecutionException.class, () -> client.newWebSocketBuilder()
                .header("Authorization", "token wrong").buildAsync(channels(), new Listener()).get(10, TimeUnit.SECONDS));
        assertEquals(401, handshakeStatus(wrong));
    }

    @Test
    void aWebSocketHandshakeWithTheTokenIsAccepted() throws Exception {
        Listener listener = new Listener();
        HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", TestAuth.AUTHORIZATION)
                .buildAsync(channels(), listener).get(10, TimeUnit.SECONDS);
        assertEquals(4004, listener.closed.get(10, TimeUnit.SECONDS), "the endpoint itself answered");

        Listener byQuery = new Listener();
        HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(channels() + "?token=" + TestAuth.TOKEN), byQuery).get(10, TimeUnit.SECONDS);
        assertEquals(4004, byQuery.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aCookieOpensAWebSocketOnlyFromOurOwnPages() throws Exception {
        var cookie = given().redirects().follow(false).queryParam("token", TestAuth.TOKEN).when().get("/")
                .getDetailedCookies().asList().get(0);
        String header = cookie.getName() + "=" + cookie.getValue();
        String self = "http://" + base.getHost() + ":" + base.getPort();

        Listener listener = new Listener();
        HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", header).header("Origin", self)
                .buildAsync(channels(), listener).get(10, TimeUnit.SECONDS);
        assertEquals(4004, listener.closed.get(10, TimeUnit.SECONDS));

        ExecutionException foreign = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient()
                .newWebSocketBuilder().header("Cookie", header).header("Origin", "http://127.0.0.1:1")
                .buildAsync(channels(), new Listener()).get(10, TimeUnit.SECONDS));
        assertEquals(403, handshakeStatus(foreign));
    }
}
