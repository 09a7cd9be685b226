package io.jotter.server.identity;

import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is making the current request. In single-user mode (until accounts with Keycloak land) that is
 * always the machine's one user; everything stored per user (notebooks, sessions) is keyed by
 * {@link #name()}.
 */
@RequestScoped
public class CurrentUser {
    private final String name;

    public CurrentUser(@ConfigProperty(name = "jotter.single-user.name", defaultValue = "jotter") String name) {
        this.name = name;
    }

    /** The user's stable name: the owner of what they store. */
    public String name() {
        return name;
    }
}
