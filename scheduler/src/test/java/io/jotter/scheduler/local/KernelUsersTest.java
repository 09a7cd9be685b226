package io.jotter.scheduler.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelUsersTest {
    @Test
    void anAccountGetsTheSameSafeNameEveryTime() {
        String name = KernelUsers.osNameFor("alice@example.org");
        assertEquals(name, KernelUsers.osNameFor("alice@example.org"));
        assertTrue(name.matches("jt-[0-9a-f]{16}"), name);
        assertNotEquals(name, KernelUsers.osNameFor("bob@example.org"));
    }

    @Test
    void aHostileAccountNameNeverReachesTheOsName() {
        String name = KernelUsers.osNameFor("root; rm -rf / --home=/etc ../../x");
        assertTrue(name.matches("jt-[0-9a-f]{16}"), name);
    }
}
