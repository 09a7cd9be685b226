package io.jotter.auth;

import java.util.Collection;
import java.util.Set;

/**
 * A person signed in through the identity provider, as the rest of Jotter sees them.
 *
 * @param subject     the provider's stable id for them (the token's {@code sub})
 * @param username    their login name ({@code preferred_username}); what they own is stored under it.
 *                    Keycloak does not let users change it unless a realm allows that explicitly.
 * @param displayName the name to show ({@code name}), the username when the token has none
 * @param email       their address, or {@code null}
 * @param roles       what they may do beyond a student's
 */
public record Account(String subject, String username, String displayName, String email, Set<Role> roles) {
    public Account {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("an account needs the token's subject (sub)");
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("an account needs a username (preferred_username)");
        }
        displayName = displayName == null || displayName.isBlank() ? username : displayName;
        roles = Set.copyOf(roles);
    }

    /** An account from a verified token's claims. */
    public static Account fromClaims(String subject, String preferredUsername, String name, String email,
                                     Collection<String> realmRoles) {
        return new Account(subject, preferredUsername, name, email, Role.fromRealmNames(realmRoles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
