package io.jotter.scheduler.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KernelExitTest {
    @Test
    void anOomKillIsToldInTheUsersWords() {
        assertEquals("the kernel ran out of its 2 GiB memory limit and was stopped",
                KernelExit.of(137, 1, false, 2L << 30).message());
        assertEquals("the kernel ran out of its 768 MiB memory limit and was stopped",
                KernelExit.of(137, 1, false, 768L << 20).message());
        assertEquals("the kernel ran out of its 1.5 GiB memory limit and was stopped",
                KernelExit.of(137, 1, false, 3L << 29).message());
    }

    @Test
    void otherEndsAreToldApart() {
        assertEquals("the kernel was stopped", KernelExit.of(143, 0, true, 1L << 30).message());
        assertEquals("the kernel was killed by signal 9 (SIGKILL)", KernelExit.of(137, 0, false, 1L << 30).message());
        assertEquals("the kernel exited with status 1", KernelExit.of(1, 0, false, 0).message());
    }

    @Test
    void theJvmIsSizedUnderItsLimit() {
        assertEquals("-Xmx1228m -XX:MaxDirectMemorySize=204m", JvmSizing.optionsFor(2L << 30));
    }
}
