package io.jotter.server.accounts;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The server with accounts on, against the real Keycloak's {@code jotter} realm. Without
 * {@code JOTTER_TEST_OIDC_URL} the server still starts (against an address nothing answers), so the
 * tests themselves fail with {@link Keycloak#issuer()}'s message rather than the whole test run at
 * discovery.
 */
public class AccountsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        String issuer = System.getenv("JOTTER_TEST_OIDC_URL");
        return Map.of("quarkus.oidc.tenant-enabled", "true", "quarkus.oidc.auth-server-url",
                issuer == null || issuer.isBlank() ? "http://127.0.0.1:9/realms/jotter" : issuer);
    }
}
