package io.jotter.scheduler.local;

import io.jotter.kernel.protocol.ConnectionInfo;
import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.runtime.RuntimeBackend;
import io.jotter.scheduler.runtime.RuntimeBackendException;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.scheduler.runtime.RuntimeRequest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * {@link ProcessHandle}; a handle from before a restart is found again by pid, which the OS may have reused.
 */
public final class LocalProcessBackend implements RuntimeBackend {
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration FORCED_EXIT_WAIT = Duration.ofSeconds(5);
    private static final Duration PID_REUSE_SLACK = Duration.ofSeconds(30);
    private static final Pattern CONNECTION_FILE = Pattern.compile("kernel-([A-Za-z0-9_-]{1,64})\\.json");

    private final Path runtimeDir;
    private final Clock clock;
    private final Duration killGrace;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ProcessHandle> started = new ConcurrentHashMap<>();

    /**
     * @param runtimeDir where connection files and logs go; created (mode 0700) if missing
     * @param clock stamps {@link RuntimeHandle#startedAt()}
     * @param killGrace how long {@link #kill} waits after SIGTERM before SIGKILL
     */
    public LocalProcessBackend(Path runtimeDir, Clock clock, Duration killGrace) {
        // Absolute: the kernel starts in the notebook's folder and must still find its connection file.
        this.runtimeDir = runtimeDir.toAbsolutePath().normalize();
        this.clock = clock;
        this.killGrace = killGrace;
    }

    @Override
    public RuntimeHandle start(RuntimeRequest request) {
        KernelSpec spec = request.kernelSpec();
        Path connectionFile = connectionFile(request.runtimeId());
        try {
            Files.createDirectories(runtimeDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            ConnectionInfo connection = newConnection(spec.name());
            Files.deleteIfExists(connectionFile);
            Files.createFile(connectionFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            connection.write(connectionFile);
            ProcessBuilder builder = new ProcessBuilder(spec.commandFor(connectionFile))
                    .directory(request.workingDirectory().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(request.runtimeId()).toFile()));
            Map<String, String> env = builder.environment();
            env.putAll(spec.env());
            env.putAll(request.env());
            // As jupyter_client does: ipykernel polls this pid and exits when its parent (this server) is gone.
            env.put("JPY_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
            Process process = builder.start();
            started.put(request.runtimeId(), process.toHandle());
            return new RuntimeHandle(request.runtimeId(), connection, Long.toString(process.pid()), clock.instant());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(connectionFile);
            throw new RuntimeBackendException("could not start kernel " + spec.name() + " for runtime "
                    + request.runtimeId() + ": " + e.getMessage(), e);
        }
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
        // Descendants are listed before the parent dies: afterwards they are re-parented and no longer found.
        List<ProcessHandle> tree = Stream.concat(process.get().descendants(), Stream.of(process.get())).toList();
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
        started.remove(handle.runtimeId());
        try {
            Files.deleteIfExists(connectionFile(handle.runtimeId()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the connection file of runtime " + handle.runtimeId(), e);
        }
    }

    /**
     * Runtimes found by their connection files in the runtime directory, each with the process that was started
     * with that file on its command line (the kernel itself, or its launcher), if one is still running.
     */
    @Override
    public List<RuntimeHandle> discover() {
        if (!Files.isDirectory(runtimeDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(runtimeDir)) {
            List<Path> connectionFiles = files.filter(f -> CONNECTION_FILE.matcher(f.getFileName().toString()).matches())
                    .toList();
            List<RuntimeHandle> found = new ArrayList<>();
            for (Path file : connectionFiles) {
                Matcher name = CONNECTION_FILE.matcher(file.getFileName().toString());
                name.matches();
                Optional<ProcessHandle> process = processStartedWith(file.toString());
                found.add(new RuntimeHandle(name.group(1), null, process.map(p -> Long.toString(p.pid())).orElse(""),
                        process.flatMap(p -> p.info().startInstant()).orElse(clock.instant())));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + runtimeDir, e);
        }
    }

    private static Optional<ProcessHandle> processStartedWith(String connectionFile) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(connectionFile)).orElse(false))
                .min(Comparator.comparing(p -> p.info().startInstant().orElse(Instant.MAX)));
    }

    /** The connection file of a runtime: where the kernel reads its ports and key. */
    public Path connectionFile(String runtimeId) {
        return runtimeDir.resolve("kernel-" + runtimeId + ".json");
    }

    /** The kernel's stdout and stderr. */
    public Path logFile(String runtimeId) {
        return runtimeDir.resolve("kernel-" + runtimeId + ".log");
    }

    private Optional<ProcessHandle> process(RuntimeHandle handle) {
        ProcessHandle known = started.get(handle.runtimeId());
        if (known != null) {
            return Optional.of(known);
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

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Already failing to start; the start error is the one to report.
        }
    }
}
