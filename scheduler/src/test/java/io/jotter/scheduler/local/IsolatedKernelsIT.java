package io.jotter.scheduler.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jotter.kernel.protocol.KernelClient;
import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.scheduler.runtime.RuntimeRequest;
import io.jotter.scheduler.runtime.RuntimeRequest.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Two accounts' Java kernels, each run by {@link LocalProcessBackend} as its own OS user under a 768 MiB limit:
 * cells that try to read the server's data, its environment, the other account's files and the other kernel's
 * key all fail with the error the user sees, and a cell that eats memory without bound harms only its own kernel.
 * Needs root (to create users and drop to them); skipped otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class IsolatedKernelsIT {
    static final long MEMORY_LIMIT = 768L << 20;
    static final String EXHAUST_NATIVE_MEMORY = "var f = Class.forName(\"sun.misc.Unsafe\").getDeclaredField(\"theUnsafe\");\n"
            + "f.setAccessible(true);\n"
            + "var unsafe = (sun.misc.Unsafe) f.get(null);\n"
            + "while (true) { long a = unsafe.allocateMemory(1 << 20); unsafe.setMemory(a, 1 << 20, (byte) 1); }";
    static final Duration CELL_WITHIN = Duration.ofSeconds(60);

    /** Under target/, not a JUnit temp dir: those are 0700 and the kernel users could not reach below them. */
    private final Path base = Path.of("target", getClass().getSimpleName()).toAbsolutePath();
    private final Path dataDir = base.resolve("server-data");
    LocalProcessBackend backend;
    private OsUserIsolation isolation;
    Kernel alice;
    Kernel bob;

    /** One started kernel and a client on it. */
    record Kernel(RuntimeHandle handle, KernelClient client, long startMillis) {
    }

    @BeforeAll
    void startTwoAccountsKernels() throws IOException {
        assumeTrue(isRoot(), "IsolatedKernelsIT needs root: it creates OS users and runs kernels as them");
        assumeTrue(othersCanReach(LocalProcessBackendIT.repositoryRoot()), "IsolatedKernelsIT needs a checkout that "
                + "other users can reach (every folder above it o+x): the kernels run as other users");
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        // Readable by anyone who reaches it: only the directory's mode keeps the kernels out.
        Files.writeString(dataDir.resolve("db-password"), "s3cret");
        Files.setPosixFilePermissions(dataDir.resolve("db-password"), PosixFilePermissions.fromString("rw-r--r--"));

        isolation = OsUserIsolation.create(base.resolve("users"), useCgroups());
        System.out.println("IsolatedKernelsIT: " + isolation.describe());
        backend = new LocalProcessBackend(base.resolve("runtime"), Clock.systemUTC(), Duration.ofSeconds(3), isolation);
        alice = start("alice-kernel", "alice@example.org");
        bob = start("bob-kernel", "bob@example.org");
    }

    private Kernel start(String runtimeId, String account) {
        long started = System.nanoTime();
        RuntimeHandle handle = backend.start(new RuntimeRequest(runtimeId, javaKernel(), base,
                Map.of("JOTTER_RUNTIME", runtimeId), new Sandbox(account, MEMORY_LIMIT, 1.0, 256)));
        KernelClient client = new KernelClient(handle.connection(), "it");
        if (!Cells.awaitReady(client, Duration.ofSeconds(60), () -> backend.isAlive(handle))) {
            throw new AssertionError(runtimeId + " did not come up; its log:\n" + log(handle));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("IsolatedKernelsIT: %s ready %d ms after start%n", runtimeId, millis);
        return new Kernel(handle, client, millis);
    }

    @AfterAll
    void stopKernels() {
        for (Kernel kernel : new Kernel[] {alice, bob}) {
            if (kernel != null) {
                kernel.client().close();
                backend.kill(kernel.handle());
                backend.cleanUp(kernel.handle());
            }
        }
    }

    @Test
    @Order(1)
    void eachAccountRunsAsItsOwnUserInItsOwnHome() {
        Cells.Outcome a = run(alice, "System.out.println(System.getProperty(\"user.name\") + \" \" + System.getenv(\"HOME\")"
                + " + \" \" + java.nio.file.Path.of(\"\").toAbsolutePath());");
        Cells.Outcome b = run(bob, "System.out.println(System.getProperty(\"user.name\"));");
        String aliceUser = KernelUsers.osNameFor("alice@example.org");
        Path aliceHome = base.resolve("users").resolve(aliceUser);
        assertEquals(aliceUser + " " + aliceHome + " " + aliceHome, a.stdout().strip(), a.everything());
        assertEquals(KernelUsers.osNameFor("bob@example.org"), b.stdout().strip(), b.everything());
        assertNotEquals(aliceUser, b.stdout().strip());
    }

    @Test
    @Order(2)
    void aCellCannotReadTheServersDataDirectory() {
        Cells.Outcome outcome = run(alice, "java.nio.file.Files.readString(java.nio.file.Path.of(\""
                + dataDir.resolve("db-password") + "\"))");
        assertEquals("error", outcome.status(), outcome.everything());
        assertTrue(outcome.error().contains("AccessDeniedException"), outcome.everything());
        assertFalse(outcome.everything().contains("s3cret"), outcome.everything());
    }

    @Test
    @Order(3)
    void aCellCannotReadTheServersEnvironment() {
        Cells.Outcome environ = run(alice, "java.nio.file.Files.readAllBytes(java.nio.file.Path.of(\"/proc/"
                + ProcessHandle.current().pid() + "/environ\"))");
        assertEquals("error", environ.status(), environ.everything());
        assertTrue(environ.error().contains("AccessDeniedException"), environ.everything());

        // Nothing of the server's own environment reaches the kernel but the few variables passed on on purpose
        // (PWD and SHLVL the launcher's shells set themselves).
        Cells.Outcome own = run(alice, "System.getenv().keySet().forEach(System.out::println);");
        Set<String> allowed = Set.of("PATH", "LANG", "LC_ALL", "TZ", "JAVA_HOME", "HOME", "USER", "LOGNAME", "PWD",
                "SHLVL", "_");
        List<String> leaked = System.getenv().keySet().stream().filter(name -> !allowed.contains(name))
                .filter(name -> own.stdout().lines().anyMatch(name::equals)).toList();
        assertEquals(List.of(), leaked, "server variables in the kernel's environment: " + own.everything());
        assertTrue(own.stdout().lines().anyMatch("JOTTER_RUNTIME"::equals), "the request's variables arrive");
    }

    @Test
    @Order(4)
    void aCellCannotReadTheOtherAccountsFiles() {
        Cells.Outcome written = run(bob, "java.nio.file.Files.writeString(java.nio.file.Path.of(System.getenv(\"HOME\"),"
                + " \"diary.txt\"), \"bob's diary\");");
        assertEquals("ok", written.status(), written.everything());
        Path bobsFile = base.resolve("users").resolve(KernelUsers.osNameFor("bob@example.org")).resolve("diary.txt");
        Cells.Outcome read = run(alice, "java.nio.file.Files.readString(java.nio.file.Path.of(\"" + bobsFile + "\"))");
        assertEquals("error", read.status(), read.everything());
        assertTrue(read.error().contains("AccessDeniedException"), read.everything());
        Cells.Outcome list = run(alice, "java.nio.file.Files.list(java.nio.file.Path.of(\"" + base.resolve("users")
                + "\")).count()");
        assertTrue(list.error().contains("AccessDeniedException"), "the users directory cannot be listed: "
                + list.everything());
    }

    @Test
    @Order(5)
    void aCellCannotReadTheOtherKernelsConnectionFile() {
        Path bobsKey = backend.connectionFile(bob.handle().runtimeId());
        Cells.Outcome read = run(alice, "java.nio.file.Files.readString(java.nio.file.Path.of(\"" + bobsKey + "\"))");
        assertEquals("error", read.status(), read.everything());
        assertTrue(read.error().contains("AccessDeniedException"), read.everything());
        Cells.Outcome own = run(alice, "System.out.println(java.nio.file.Files.readString(java.nio.file.Path.of(\""
                + backend.connectionFile(alice.handle().runtimeId()) + "\")).contains(\"shell_port\"));");
        assertEquals("true", own.stdout().strip(), "a kernel reads its own connection file: " + own.everything());
    }

    @Test
    @Order(6)
    void fillingTheHeapFailsTheCellAndTheKernelLivesOn() {
        Cells.Outcome outcome = run(alice, "var hoard = new java.util.ArrayList<byte[]>();\n"
                + "while (true) hoard.add(new byte[1 << 20]);");
        System.out.println("IsolatedKernelsIT: heap exhaustion -> " + outcome.everything().replace('\n', ' ')
                + "; alive=" + backend.isAlive(alice.handle()));
        assertEquals("error", outcome.status(), outcome.everything());
        assertTrue(outcome.error().contains("OutOfMemoryError"), outcome.everything());
        Cells.Outcome after = run(alice, "hoard = null; System.out.println(\"still here\");");
        assertTrue(after.stdout().contains("still here"), after.everything());
    }

    @Test
    @Order(7)
    void fillingDirectBuffersFailsTheCellAndTheKernelLivesOn() {
        Cells.Outcome outcome = run(alice, "var buffers = new java.util.ArrayList<java.nio.ByteBuffer>();\n"
                + "while (true) buffers.add(java.nio.ByteBuffer.allocateDirect(1 << 20));");
        System.out.println("IsolatedKernelsIT: direct buffer exhaustion -> " + outcome.everything().replace('\n', ' ')
                + "; alive=" + backend.isAlive(alice.handle()));
        assertEquals("error", outcome.status(), outcome.everything());
        assertTrue(outcome.error().contains("OutOfMemoryError"), outcome.everything());
        Cells.Outcome after = run(alice, "buffers = null; System.gc(); System.out.println(\"still here\");");
        assertTrue(after.stdout().contains("still here"), after.everything());
    }

    @Test
    @Order(8)
    void exhaustingNativeMemoryKillsOnlyThatKernelAndSaysWhy() throws Exception {
        Cells.Outcome outcome = run(alice, EXHAUST_NATIVE_MEMORY);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (backend.isAlive(alice.handle()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        System.out.println("IsolatedKernelsIT: native exhaustion -> " + outcome.everything().replace('\n', ' ')
                + "; alive=" + backend.isAlive(alice.handle()) + "; exit=" + backend.exitOf(alice.handle()));
        assertFalse(backend.isAlive(alice.handle()), "the kernel past its limit is gone");
        KernelExit exit = backend.exitOf(alice.handle()).orElseThrow();
        assertTrue(exit.outOfMemory(), exit.toString());
        assertEquals("the kernel ran out of its 768 MiB memory limit and was stopped", exit.message());
        assertTrue(log(alice.handle()).contains("[jotter] the kernel ran out of its 768 MiB memory limit"),
                log(alice.handle()));

        assertTrue(backend.isAlive(bob.handle()), "the other account's kernel is untouched");
        Cells.Outcome bobs = run(bob, "System.out.println(6 * 7);");
        assertEquals("42", bobs.stdout().strip(), bobs.everything());
    }

    /** Whether to limit memory by cgroup where that works, else by rlimits only. */
    boolean useCgroups() {
        return true;
    }

    Cells.Outcome run(Kernel kernel, String code) {
        return Cells.run(kernel.client(), code, CELL_WITHIN, () -> backend.isAlive(kernel.handle()));
    }

    String log(RuntimeHandle handle) {
        try {
            return Files.readString(backend.logFile(handle.runtimeId()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Whether every folder from the root down to {@code path} lets other users through. */
    static boolean othersCanReach(Path path) {
        for (Path folder = path.toAbsolutePath(); folder != null; folder = folder.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(folder).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static KernelSpec javaKernel() {
        Path kernelModule = LocalProcessBackendIT.repositoryRoot().resolve("notebook-kernel/kernel");
        return new KernelSpec("jotter-java", List.of(kernelModule.resolve("bin/jotter-kernel").toString(),
                "{connection_file}"), "Java (Jotter)", "java", KernelSpec.MESSAGE, Map.of(), kernelModule);
    }
}
