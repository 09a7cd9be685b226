package io.jotter.server.identity;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which of the two ways of proving who one is this server takes: accounts from Keycloak (bearer tokens,
 * when the OIDC tenant is on: {@code JOTTER_OIDC_ENABLED=true} with {@code JOTTER_OIDC_URL}), or the
 * single-user token of a server on one person's laptop. One switch, Quarkus OIDC's own, so the two can
 * never both be on.
 */
@Singleton
public class AuthMode {
    private final boolean accounts;

    public AuthMode(@ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean accounts) {
        this.accounts = accounts;
    }

    /** True when people sign in through Keycloak; false in single-user (token) mode. */
    public boolean accounts() {
        return accounts;
    }
}
