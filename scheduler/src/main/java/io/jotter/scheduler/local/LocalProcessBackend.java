package io.jotter.scheduler.local;

import io.jotter.kernel.protocol.ConnectionInfo;
import io.jotter.kernel.protocol.NoGpuExit;
import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.runtime.RuntimeBackend;
import io.jotter.scheduler.runtime.RuntimeBackendException;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.scheduler.runtime.RuntimeRequest.Sandbox;
import io.jotter.scheduler.runtime.RuntimeRequest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs each kernel as a child process listening on 127.0.0.1. Per runtime it keeps two files in the runtime
 * directory: {@code kernel-<id>.json}, the connection file (mode 0600: it holds the signing key), and
 * {@code kernel-<id>.log}, the kernel's stdout and stderr (a kernel's stderr is its log). The log outlives
 * {@link #cleanUp} so a kernel that died can be diagnosed.
 *
 * <p>The handle's {@code backendRef} is the process id. Processes this backend started are tracked by their
 * {@link Process}; a handle from before a restart is found again by pid, which the OS may have reused.
 *
 * <p>With {@link OsUserIsolation}, a request that carries a {@link RuntimeRequest.Sandbox} runs as its account's
 * own OS user, under memory, CPU and process limits; its connection file then lives in the isolation's
 * {@code .connections} directory instead, owned by that user. Requests without a sandbox run as before.
 */
public final class LocalProcessBackend implements RuntimeBackend {
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration FORCED_EXIT_WAIT = Duration.ofSeconds(5);
    private static final Duration PID_REUSE_SLACK = Duration.ofSeconds(30);
    private static final int LOG_TAIL_BYTES = 16 * 1024;
    private static final Pattern CONNECTION_FILE = Pattern.compile("kernel-([A-Za-z0-9_-]{1,64})\\.json");

    private final Path runtimeDir;
    private final Clock clock;
    private final Duration killGrace;
    private final Optional<OsUserIsolation> isolation;
    private final boolean kernelsEndWithServer;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Launched> started = new ConcurrentHashMap<>();

    /** A kernel this backend started: its process, where its key is, and how it ended once it has. */
    private record Launched(Process process, Path connectionFile, Optional<Sandbox> sandbox,
                            CompletableFuture<KernelExit> exit, AtomicBoolean stoppedByJotter) {
    }

    /**
     * @param runtimeDir where connection files and logs go; created (mode 0700) if missing
     * @param clock stamps {@link RuntimeHandle#startedAt()}
     * @param killGrace how long {@link #kill} waits after SIGTERM before SIGKILL
     */
    public LocalProcessBackend(Path runtimeDir, Clock clock, Duration killGrace) {
        this(runtimeDir, clock, killGrace, null);
    }

    /**
     * @param isolation how to run sandboxed requests, or {@code null} to refuse them (single-user mode)
     */
    public LocalProcessBackend(Path runtimeDir, Clock clock, Duration killGrace, OsUserIsolation isolation) {
        this(runtimeDir, clock, killGrace, isolation, true);
    }

    /**
     * @param kernelsEndWithServer whether a kernel exits when this process does (Jupyter's parent pid watch); off
     *     when server replicas adopt each other's kernels
     */
    public LocalProcessBackend(Path runtimeDir, Clock clock, Duration killGrace, OsUserIsolation isolation,
                               boolean kernelsEndWithServer) {
        this.kernelsEndWithServer = kernelsEndWithServer;
        // Absolute: the kernel starts in the notebook's folder and must still find its connection file.
        this.runtimeDir = runtimeDir.toAbsolutePath().normalize();
        this.clock = clock;
        this.killGrace = killGrace;
        this.isolation = Optional.ofNullable(isolation);
    }

    @Override
    public RuntimeHandle start(RuntimeRequest request) {
        KernelSpec spec = request.kernelSpec();
        Optional<Sandbox> sandbox = request.isolation();
        if (sandbox.isPresent() && isolation.isEmpty()) {
            throw new RuntimeBackendException("runtime " + request.runtimeId() + " asks for a sandbox, but this"
                    + " server runs kernels without isolation", null);
        }
        Path connectionFile = sandbox.isPresent() ? isolation.get().connectionFile(request.runtimeId())
                : connectionFile(request.runtimeId());
        try {
            Files.createDirectories(runtimeDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            ConnectionInfo connection = newConnection(spec.name());
            ProcessBuilder builder;
            if (sandbox.isPresent()) {
                OsUserIsolation.IsolatedLaunch launch = isolation.get().prepare(request, sandbox.get(), connection);
                builder = new ProcessBuilder(launch.command()).directory(launch.workDir().toFile());
                builder.environment().clear();
                builder.environment().putAll(launch.environment());
            } else {
                writePrivately(connection, connectionFile);
                builder = new ProcessBuilder(spec.commandFor(connectionFile)).directory(request.workingDirectory().toFile());
                builder.environment().putAll(spec.env());
                builder.environment().putAll(request.env());
            }
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(request.runtimeId()).toFile()));
            // As jupyter_client does: ipykernel polls this pid and exits when its parent (this server) is gone.
            if (kernelsEndWithServer) {
                builder.environment().put("JPY_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
            }
            Process process = builder.start();
            AtomicBoolean stopped = new AtomicBoolean();
            CompletableFuture<KernelExit> exit = process.onExit()
                    .thenApply(p -> recordExit(request.runtimeId(), p.exitValue(), sandbox, stopped.get()));
            started.put(request.runtimeId(), new Launched(process, connectionFile, sandbox, exit, stopped));
            return new RuntimeHandle(request.runtimeId(), connection, Long.toString(process.pid()), clock.instant());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(connectionFile);
            isolation.ifPresent(i -> releaseQuietly(i, request.runtimeId()));
            throw new RuntimeBackendException("could not start kernel " + spec.name() + " for runtime "
                    + request.runtimeId() + ": " + e.getMessage(), e);
        }
    }

    private static void writePrivately(ConnectionInfo connection, Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        connection.write(file);
    }

    /**
     * Works out why the kernel ended (its cgroup's OOM count is read before cleanUp removes it); a sandboxed
     * kernel's log says so at its end, where whoever reads it after a crash looks.
     */
    private KernelExit recordExit(String runtimeId, int status, Optional<Sandbox> sandbox, boolean stopped) {
        long oomKills = sandbox.isPresent() ? isolation.get().oomKills(runtimeId) : 0;
        Optional<String> noGpu = status == NoGpuExit.STATUS ? NoGpuExit.reasonIn(logTail(runtimeId)) : Optional.empty();
        KernelExit exit = noGpu.isPresent() ? KernelExit.noGpu(status, noGpu.get())
                : KernelExit.of(status, oomKills, stopped, sandbox.map(Sandbox::memoryBytes).orElse(0L));
        if (sandbox.isPresent()) {
            String line = "[jotter] " + exit.message() + (exit.message().contains("status") ? "" : " (exit status "
                    + status + ")");
            try {
                Files.writeString(logFile(runtimeId), System.lineSeparator() + line + System.lineSeparator(),
                        StandardOpenOption.APPEND, StandardOpenOption.CREATE);
            } catch (IOException ignored) {
                // The log is a courtesy; exitOf still tells.
            }
        }
        return exit;
    }

    /** The last lines of a kernel's log (it is appended to across restarts: only the end is this process's). */
    private List<String> logTail(String runtimeId) {
        try (SeekableByteChannel log = Files.newByteChannel(logFile(runtimeId))) {
            long size = log.size();
            ByteBuffer end = ByteBuffer.allocate((int) Math.min(size, LOG_TAIL_BYTES));
            log.position(size - end.capacity());
            while (end.hasRemaining() && log.read(end) >= 0) {
                // reads the last bytes
            }
            return new String(end.array(), 0, end.position(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * How a kernel this backend started ended, for telling the user (for example that it ran out of its memory
     * limit); empty while it runs, and for kernels found by {@link #discover} or already cleaned up.
     */
    public Optional<KernelExit> exitOf(RuntimeHandle handle) {
        Launched launched = started.get(handle.runtimeId());
        if (launched == null || launched.process().isAlive()) {
            return Optional.empty();
        }
        try {
            return Optional.of(launched.exit().get(2, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> whyEnded(RuntimeHandle handle) {
        return exitOf(handle).map(KernelExit::message);
    }

    private ConnectionInfo newConnection(String kernelName) throws IOException {
        List<Integer> ports = FreePorts.pick(InetAddress.getByName(LOOPBACK), 5);
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new ConnectionInfo("tcp", LOOPBACK, ports.get(0), ports.get(1), ports.get(2), ports.get(3), ports.get(4),
                HexFormat.of().formatHex(key), "hmac-sha256", kernelName);
    }

    @Override
    public boolean isAlive(RuntimeHandle handle) {
        return process(handle).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void interrupt(RuntimeHandle handle) {
        Optional<ProcessHandle> process = process(handle).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return;
        }
        // The JDK can send only SIGTERM and SIGKILL; kill(1) sends the rest.
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.get().pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new RuntimeBackendException("could not interrupt runtime " + handle.runtimeId(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void kill(RuntimeHandle handle) {
        Optional<ProcessHandle> process = process(handle);
        if (process.isEmpty()) {
            return;
        }
        Optional.ofNullable(started.get(handle.runtimeId())).ifPresent(l -> l.stoppedByJotter().set(true));
        // Descendants are listed before the parent dies: afterwards they are re-parented and no longer found.
        // A sandboxed kernel's cgroup also holds what left the tree (a daemon); the set drops duplicates.
        Set<ProcessHandle> all = new LinkedHashSet<>();
        process.get().descendants().forEach(all::add);
        isolation.ifPresent(i -> i.processes(handle.runtimeId()).forEach(pid -> ProcessHandle.of(pid).ifPresent(all::add)));
        all.add(process.get());
        List<ProcessHandle> tree = List.copyOf(all);
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(tree, killGrace)) {
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree, FORCED_EXIT_WAIT);
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void cleanUp(RuntimeHandle handle) {
        Launched launched = started.get(handle.runtimeId());
        if (launched != null) {
            // Let the exit be recorded while the cgroup's OOM count can still be read.
            exitOf(handle);
        }
        try {
            Files.deleteIfExists(connectionFile(handle.runtimeId()));
            if (isolation.isPresent()) {
                isolation.get().release(handle.runtimeId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clean up runtime " + handle.runtimeId(), e);
        }
        started.remove(handle.runtimeId());
    }

    /**
     * Runtimes found by their connection files in the runtime directory, each with the process that was started
     * with that file on its command line (the kernel itself, or its launcher), if one is still running.
     */
    @Override
    public List<RuntimeHandle> discover() {
        List<Path> connectionFiles = new ArrayList<>(connectionFilesIn(runtimeDir));
        isolation.ifPresent(i -> connectionFiles.addAll(connectionFilesIn(i.connectionsDir())));
        List<RuntimeHandle> found = new ArrayList<>();
        for (Path file : connectionFiles) {
            Matcher name = CONNECTION_FILE.matcher(file.getFileName().toString());
            name.matches();
            Optional<ProcessHandle> process = processStartedWith(file.toString());
            found.add(new RuntimeHandle(name.group(1), null, process.map(p -> Long.toString(p.pid())).orElse(""),
                    process.flatMap(p -> p.info().startInstant()).orElse(clock.instant())));
        }
        return found;
    }

    private static List<Path> connectionFilesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> CONNECTION_FILE.matcher(f.getFileName().toString()).matches()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }

    private static Optional<ProcessHandle> processStartedWith(String connectionFile) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(connectionFile)).orElse(false))
                .min(Comparator.comparing(p -> p.info().startInstant().orElse(Instant.MAX)));
    }

    /** The connection file of a runtime: where the kernel reads its ports and key. */
    public Path connectionFile(String runtimeId) {
        Launched launched = started.get(runtimeId);
        if (launched != null) {
            return launched.connectionFile();
        }
        Path plain = runtimeDir.resolve("kernel-" + runtimeId + ".json");
        return isolation.map(i -> i.connectionFile(runtimeId)).filter(Files::exists).orElse(plain);
    }

    /** The kernel's stdout and stderr. */
    public Path logFile(String runtimeId) {
        return runtimeDir.resolve("kernel-" + runtimeId + ".log");
    }

    private Optional<ProcessHandle> process(RuntimeHandle handle) {
        Launched known = started.get(handle.runtimeId());
        if (known != null) {
            return Optional.of(known.process().toHandle());
        }
        try {
            // The OS reuses pids: a process that started well after this runtime did is someone else's.
            return ProcessHandle.of(Long.parseLong(handle.backendRef()))
                    .filter(p -> p.info().startInstant().map(started -> !started.isAfter(
                            handle.startedAt().plus(PID_REUSE_SLACK))).orElse(true));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void releaseQuietly(OsUserIsolation isolation, String runtimeId) {
        try {
            isolation.release(runtimeId);
        } catch (IOException ignored) {
            // Already failing to start; the start error is the one to report.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Already failing to start; the start error is the one to report.
        }
    }
}
