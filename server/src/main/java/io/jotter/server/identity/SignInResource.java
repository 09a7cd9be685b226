package io.jotter.server.identity;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /api/jotter/auth}, open to everyone: how the browser page signs in. With accounts on, the
 * issuer and the public client to run the authorization code flow with PKCE against; otherwise the
 * single-user token mode, where the page already holds its cookie.
 */
@Path("/api/jotter/auth")
@Produces(MediaType.APPLICATION_JSON)
public class SignInResource {
    /**
     * @param mode     {@code accounts} or {@code token}
     * @param issuer   the realm's URL as the browser reaches it (accounts only)
     * @param clientId the browser's public client (accounts only)
     */
    public record SignIn(String mode, String issuer, String clientId) {
    }

    private final SignIn signIn;

    public SignInResource(AuthMode mode,
                          @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer,
                          @ConfigProperty(name = "jotter.auth.browser-issuer") Optional<String> browserIssuer,
                          @ConfigProperty(name = "jotter.auth.browser-client-id", defaultValue = "jotter-web")
                          String clientId) {
        this.signIn = mode.accounts()
                ? new SignIn("accounts", browserIssuer.or(() -> issuer).orElseThrow(), clientId)
                : new SignIn("token", null, null);
    }

    @GET
    public SignIn get() {
        return signIn;
    }
}
