package io.jotter.scheduler.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The same isolation where cgroups cannot be written (a container's read-only mount): memory is bounded by the
 * JVM's heap and direct-buffer limits and by an address-space rlimit. Native memory then fails in the cell with an
 * {@link OutOfMemoryError} once the address space is spent, rather than the kernel being killed.
 */
class IsolatedKernelsUnderRlimitsIT extends IsolatedKernelsIT {

    @Override
    boolean useCgroups() {
        return false;
    }

    @Test
    @Order(8)
    @Override
    void exhaustingNativeMemoryKillsOnlyThatKernelAndSaysWhy() throws Exception {
        Cells.Outcome outcome = run(alice, EXHAUST_NATIVE_MEMORY);
        System.out.println("IsolatedKernelsUnderRlimitsIT: native exhaustion -> "
                + outcome.everything().replace('\n', ' ') + "; alive=" + backend.isAlive(alice.handle())
                + "; exit=" + backend.exitOf(alice.handle()));
        assertEquals("error", outcome.status(), outcome.everything() + "\nlog:\n" + log(alice.handle()));
        assertTrue(outcome.error().contains("OutOfMemoryError"), outcome.everything());

        Cells.Outcome bobs = run(bob, "System.out.println(6 * 7);");
        assertEquals("42", bobs.stdout().strip(), bobs.everything());
    }
}
