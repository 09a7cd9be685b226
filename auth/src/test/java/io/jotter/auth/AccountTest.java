package io.jotter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountTest {
    @Test
    void knowsOnlyJottersRolesAmongTheRealmRoles() {
        Account account = Account.fromClaims("s-1", "instructor1", "Ida Instructor", "i@example.org",
                List.of("offline_access", "instructor", "uma_authorization", "default-roles-jotter"));
        assertEquals(Set.of(Role.INSTRUCTOR), account.roles());
        assertTrue(account.has(Role.INSTRUCTOR));
        assertFalse(account.has(Role.ADMIN));
    }

    @Test
    void showsTheUsernameWhenTheTokenHasNoName() {
        assertEquals("student1", Account.fromClaims("s-2", "student1", " ", null, List.of()).displayName());
    }

    @Test
    void refusesATokenWithoutSubjectOrUsername() {
        assertThrows(IllegalArgumentException.class, () -> Account.fromClaims(null, "x", null, null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Account.fromClaims("s", "", null, null, List.of()));
    }
}
