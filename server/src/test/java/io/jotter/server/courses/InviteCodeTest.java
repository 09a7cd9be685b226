package io.jotter.server.courses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InviteCodeTest {
    @Test
    void isSixteenBase32CharactersAndDiffersEachTime() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = InviteCode.random(random).value();
            assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{16}"), code);
            seen.add(code);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void readsWhatPeopleTypeForgivingly() {
        InviteCode code = new InviteCode("0123456789ABCDEF");
        assertEquals(Optional.of(code), InviteCode.parse("0123-4567-89ab-cdef"));
        assertEquals(Optional.of(code), InviteCode.parse(" O123 4567 89AB CDEF "));
        assertEquals(Optional.of(new InviteCode("1111222233334444")), InviteCode.parse("iIlL222233334444"));
    }

    @Test
    void somethingThatCannotBeACodeFindsNothing() {
        assertEquals(Optional.empty(), InviteCode.parse(null));
        assertEquals(Optional.empty(), InviteCode.parse(""));
        assertEquals(Optional.empty(), InviteCode.parse("0123456789ABCDE"));
        assertEquals(Optional.empty(), InviteCode.parse("0123456789ABCDEU"));
        assertEquals(Optional.empty(), InviteCode.parse("' or 1=1 --"));
        assertThrows(IllegalArgumentException.class, () -> new InviteCode("short"));
        assertNotEquals(InviteCode.parse("0123456789ABCDEF"), InviteCode.parse("0123456789ABCDEG"));
    }
}
