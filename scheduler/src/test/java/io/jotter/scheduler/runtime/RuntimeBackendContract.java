package io.jotter.scheduler.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jotter.kernel.protocol.ConnectionInfo;
import io.jotter.scheduler.kernelspec.KernelSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link RuntimeBackend} must do with the runtimes it holds, whatever runs inside them: a handle that
 * says where the kernel listens and with which key, the key kept somewhere private until {@code cleanUp}, {@code
 * isAlive} false after {@code kill}, idempotent stops, and discovery by a backend that did not start the runtime
 * (a restarted server). Talking to the kernel is {@link LiveKernelContract}'s part, for backends whose tests can
 * run a real one. Subclasses name the backend and the kernel.
 */
@Timeout(120)
public abstract class RuntimeBackendContract {
    @TempDir
    protected Path workDir;

    protected RuntimeBackend backend;
    protected RuntimeHandle handle;

    /** The backend under test, keeping its files (if any) under {@code workDir}; each call a fresh instance. */
    protected abstract RuntimeBackend backend(Path workDir);

    /** The kernel to start. */
    protected abstract KernelSpec kernelSpec();

    /** What still holds the runtime's key (files, Secrets), by name; empty once {@code cleanUp} is done. */
    protected abstract List<String> secretsHeld(RuntimeHandle handle);

    /** What the kernel logged, or where its pod stands, to show when it fails to come up. */
    protected abstract String kernelLog(RuntimeHandle handle);

    /** Waits until the started kernel is up, if the test can tell; by default it trusts {@code start}. */
    protected void awaitStarted(RuntimeHandle started) {
    }

    @AfterEach
    void stopKernel() {
        if (handle != null) {
            backend.kill(handle);
            backend.cleanUp(handle);
        }
    }

    @Test
    void aStartedRuntimeHasAHandleIsAliveAndKeepsItsKeyUntilCleanUp() {
        backend = backend(workDir);
        handle = backend.start(new RuntimeRequest("contract-0", kernelSpec(), workDir, Map.of("JOTTER_RUNTIME", "contract-0")));
        assertEquals("contract-0", handle.runtimeId());
        assertFalse(handle.backendRef() == null || handle.backendRef().isBlank(), "backendRef names the kernel");
        assertNotNull(handle.startedAt(), "startedAt");
        ConnectionInfo connection = handle.connection();
        assertNotNull(connection.ip(), "the kernel's address");
        assertEquals(5, Set.of(connection.shellPort(), connection.iopubPort(), connection.stdinPort(),
                connection.controlPort(), connection.hbPort()).size(), "five distinct ports: " + connection);
        assertTrue(connection.key() != null && connection.key().length() >= 32, "a signing key");
        assertEquals("hmac-sha256", connection.signatureScheme());
        assertFalse(secretsHeld(handle).isEmpty(), "the key is written where the kernel reads it");
        awaitStarted(handle);
        assertTrue(backend.isAlive(handle), "alive once started; " + kernelLog(handle));

        backend.kill(handle);
        awaitDead(backend, handle);
        assertDoesNotThrow(() -> backend.kill(handle), "kill is idempotent");
        assertDoesNotThrow(() -> backend.interrupt(handle), "interrupting a dead kernel is no error");
        backend.cleanUp(handle);
        assertEquals(List.of(), secretsHeld(handle), "the key is gone after cleanUp");
        assertDoesNotThrow(() -> backend.cleanUp(handle), "cleanUp is idempotent");
        assertTrue(backend.discover().stream().noneMatch(h -> h.runtimeId().equals("contract-0")),
                "a cleaned-up runtime is not discovered");
        handle = null;
    }

    @Test
    void eachRuntimeHasAKeyOfItsOwn() {
        backend = backend(workDir);
        handle = backend.start(new RuntimeRequest("contract-a", kernelSpec(), workDir, Map.of()));
        RuntimeHandle other = backend.start(new RuntimeRequest("contract-b", kernelSpec(), workDir, Map.of()));
        try {
            assertNotEquals(handle.connection().key(), other.connection().key());
            assertNotEquals(handle.backendRef(), other.backendRef());
        } finally {
            backend.kill(other);
            backend.cleanUp(other);
        }
    }

    @Test
    void aFreshBackendDiscoversARuntimeItDidNotStartAndCanKillIt() {
        backend = backend(workDir);
        handle = backend.start(new RuntimeRequest("contract-2", kernelSpec(), workDir, Map.of()));
        awaitStarted(handle);
        // As a server restarted after a crash would: a new backend, knowing nothing of what ran before.
        RuntimeBackend restarted = backend(workDir);
        RuntimeHandle found = restarted.discover().stream().filter(h -> h.runtimeId().equals("contract-2"))
                .findFirst().orElseThrow(() -> new AssertionError("contract-2 not discovered"));
        assertTrue(restarted.isAlive(found), "the discovered runtime is the running kernel");
        restarted.kill(found);
        restarted.cleanUp(found);
        awaitDead(restarted, found);
        awaitDead(backend, handle);
        assertTrue(restarted.discover().stream().noneMatch(h -> h.runtimeId().equals("contract-2")),
                "gone from discovery after cleanUp");
        assertEquals(List.of(), secretsHeld(handle), "the key is gone after the restarted backend's cleanUp");
        handle = null;
    }

    protected static void awaitDead(RuntimeBackend backend, RuntimeHandle handle) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (backend.isAlive(handle)) {
            if (System.nanoTime() > deadline) {
                fail("still alive 5 s after kill");
            }
            sleep(Duration.ofMillis(50));
        }
    }

    protected static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
