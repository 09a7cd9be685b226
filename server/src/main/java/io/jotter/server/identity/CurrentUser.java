package io.jotter.server.identity;

import io.jotter.auth.Account;
import io.jotter.auth.Role;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is making the current request: the signed-in {@link Account} that {@link BearerFilter} verified,
 * or, in single-user mode, the machine's one user. Everything stored per user (notebooks, sessions,
 * kernels) is keyed by {@link #name()}.
 */
@RequestScoped
public class CurrentUser {
    private final Account account;
    private final Instant tokenExpires;
    private final Set<String> groups;

    public CurrentUser(@ConfigProperty(name = "jotter.single-user.name", defaultValue = "jotter") String singleUser,
                       CurrentVertxRequest request) {
        RoutingContext context = request.getCurrent();
        Account signedIn = context == null ? null : context.get(BearerFilter.ACCOUNT);
        this.tokenExpires = context == null ? null : context.get(BearerFilter.TOKEN_EXPIRES);
        Set<String> named = context == null ? null : context.get(BearerFilter.GROUPS);
        this.groups = named == null ? Set.of() : named;
        // The one user of a laptop server may do everything, as Jupyter's single user may.
        this.account = signedIn != null ? signedIn
                : new Account(singleUser, singleUser, singleUser, null, EnumSet.allOf(Role.class));
    }

    /** The user's stable name: the owner of what they store. */
    public String name() {
        return account.username();
    }

    public Account account() {
        return account;
    }

    /** The Keycloak groups the caller's token names; none in single-user mode. */
    public Set<String> groups() {
        return groups;
    }

    /** When the access token of this request expires; empty in single-user mode. */
    public Optional<Instant> tokenExpires() {
        return Optional.ofNullable(tokenExpires);
    }
}
