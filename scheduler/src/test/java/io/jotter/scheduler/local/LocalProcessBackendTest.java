package io.jotter.scheduler.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.kernel.protocol.ConnectionInfo;
import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.runtime.RuntimeBackendException;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.scheduler.runtime.RuntimeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class LocalProcessBackendTest {
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    @TempDir
    Path dir;

    private final LocalProcessBackend backend() {
        return new LocalProcessBackend(dir.resolve("runtime"), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(2));
    }

    private RuntimeRequest request(String id, String... argv) {
        return new RuntimeRequest(id, new KernelSpec("test", List.of(argv), "Test", "none", null, Map.of(), dir), dir, Map.of());
    }

    @Test
    void aKernelThatExitsAtOnceIsNotAlive() throws Exception {
        LocalProcessBackend backend = backend();
        RuntimeHandle handle = backend.start(request("false", "/bin/false"));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (backend.isAlive(handle) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(backend.isAlive(handle));
        backend.kill(handle);
        backend.cleanUp(handle);
        backend.cleanUp(handle);
    }

    @Test
    void writesAPrivateConnectionFileWithFivePortsAndAFreshKey() throws Exception {
        LocalProcessBackend backend = backend();
        RuntimeHandle handle = backend.start(request("conn", "/bin/sleep", "30"));
        try {
            Path file = backend.connectionFile("conn");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            ConnectionInfo info = ConnectionInfo.read(file);
            assertEquals(handle.connection(), info);
            assertEquals("127.0.0.1", info.ip());
            assertEquals("hmac-sha256", info.signatureScheme());
            assertTrue(info.key().matches("[0-9a-f]{64}"), info.key());
            Set<Integer> ports = new HashSet<>(List.of(info.shellPort(), info.iopubPort(), info.stdinPort(),
                    info.controlPort(), info.hbPort()));
            assertEquals(5, ports.size());
            assertEquals(NOW, handle.startedAt());
            assertTrue(backend.isAlive(handle));
        } finally {
            backend.kill(handle);
        }
        assertFalse(backend.isAlive(handle));
        backend.cleanUp(handle);
        assertFalse(Files.exists(backend.connectionFile("conn")));
    }

    @Test
    void substitutesTheConnectionFileAndPassesTheEnvironmentOn() throws Exception {
        LocalProcessBackend backend = backend();
        KernelSpec spec = new KernelSpec("env", List.of("/bin/sh", "-c", "echo \"$0 $SPEC_VAR $REQUEST_VAR\"", "{connection_file}"),
                "Env", "sh", null, Map.of("SPEC_VAR", "spec", "REQUEST_VAR", "overridden"), dir);
        RuntimeHandle handle = backend.start(new RuntimeRequest("env", spec, dir, Map.of("REQUEST_VAR", "request")));
        ProcessHandle.of(Long.parseLong(handle.backendRef())).ifPresent(p -> p.onExit().join());
        assertEquals(backend.connectionFile("env") + " spec request", Files.readString(backend.logFile("env")).strip());
        backend.cleanUp(handle);
    }

    @Test
    void killEndsTheKernelAndWhatItStarted() throws Exception {
        LocalProcessBackend backend = backend();
        RuntimeHandle handle = backend.start(request("tree", "/bin/sh", "-c", "sleep 30 & sleep 30 & wait"));
        ProcessHandle kernel = ProcessHandle.of(Long.parseLong(handle.backendRef())).orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (kernel.descendants().count() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<ProcessHandle> children = kernel.descendants().toList();
        assertEquals(2, children.size());
        backend.kill(handle);
        assertFalse(backend.isAlive(handle));
        assertTrue(children.stream().noneMatch(ProcessHandle::isAlive));
        backend.cleanUp(handle);
    }

    @Test
    void aSandboxedRequestIsRefusedWhenTheBackendRunsKernelsUnisolated() {
        LocalProcessBackend backend = backend();
        RuntimeRequest sandboxed = new RuntimeRequest("boxed", request("boxed", "/bin/sleep", "30").kernelSpec(), dir,
                Map.of(), RuntimeRequest.Sandbox.of("alice", 1L << 30));
        RuntimeBackendException refused = assertThrows(RuntimeBackendException.class, () -> backend.start(sandboxed));
        assertTrue(refused.getMessage().contains("without isolation"), refused.getMessage());
        assertFalse(Files.exists(backend.connectionFile("boxed")));
    }

    @Test
    void aMissingLauncherFailsToStartAndLeavesNoConnectionFile() {
        LocalProcessBackend backend = backend();
        assertThrows(RuntimeBackendException.class, () -> backend.start(request("missing", "/no/such/kernel")));
        assertFalse(Files.exists(backend.connectionFile("missing")));
    }
}
