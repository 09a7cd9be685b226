package io.jotter.server.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The real Keycloak that {@code ./jotter test} starts (infra/keycloak), as tests reach it: its realm's
 * URL from {@code JOTTER_TEST_OIDC_URL}, and access tokens by the password grant of the local realm's
 * {@code jotter-cli} client, for its demo users.
 */
public final class Keycloak {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Keycloak() {
    }

    /** The {@code jotter} realm's URL (the issuer); a test run without Keycloak fails here, saying why. */
    public static String issuer() {
        String url = System.getenv("JOTTER_TEST_OIDC_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("These tests need the real Keycloak: run them with ./jotter test, or start"
                    + " it with infra/keycloak/keycloak start and set JOTTER_TEST_OIDC_URL to the URL it prints.");
        }
        return url;
    }

    /** An access token for a demo user (the password is the username in the local realm). */
    public static String token(String user) {
        return token(issuer(), "jotter-cli", user, user);
    }

    /** An access token from any realm's public client with direct access grants. */
    public static String token(String realmUrl, String client, String user, String password) {
        JsonNode answer = post(realmUrl + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", client, "username", user, "password", password, "scope", "openid"));
        return answer.path("access_token").asText();
    }

    static JsonNode post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak answered " + response.statusCode() + " at " + url + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
