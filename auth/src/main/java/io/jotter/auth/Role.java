package io.jotter.auth;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A realm role from Keycloak, as Jotter understands it. Roles Jotter does not know are ignored. */
public enum Role {
    STUDENT, INSTRUCTOR, ADMIN;

    /** The role's name in the realm ({@code student}, {@code instructor}, {@code admin}). */
    public String realmName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromRealmName(String name) {
        return Arrays.stream(values()).filter(role -> role.realmName().equals(name)).findFirst();
    }

    /** The roles Jotter knows among a token's realm roles (Keycloak's {@code realm_access.roles}). */
    public static Set<Role> fromRealmNames(Collection<String> names) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        names.forEach(name -> fromRealmName(name).ifPresent(roles::add));
        return roles;
    }
}
