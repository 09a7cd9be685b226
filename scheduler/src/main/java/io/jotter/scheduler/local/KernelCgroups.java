package io.jotter.scheduler.local;

import io.jotter.scheduler.runtime.RuntimeRequest.Sandbox;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One cgroup per kernel, under a {@code jotter-kernels} group of Jotter's own, holding its memory, CPU and process
 * limits. Speaks cgroup v2 (a systemd Debian host) and v1's separate {@code memory}, {@code cpu} and {@code pids}
 * hierarchies; where neither can be written (not root, a container's read-only mount) it is {@link #unavailable}
 * and the caller falls back to rlimits.
 *
 * <p>Unlike an address-space rlimit, a memory cgroup counts what a JVM touches, not what it reserves, and its OOM
 * killer leaves a count behind that tells a kernel killed for memory from one that crashed.
 */
final class KernelCgroups {
    private static final String PARENT = "jotter-kernels";
    private static final long CPU_PERIOD_MICROS = 100_000;

    private final int version;
    private final Path memory;
    private final Optional<Path> cpu;
    private final Optional<Path> pids;
    private final String description;

    private KernelCgroups(int version, Path memory, Optional<Path> cpu, Optional<Path> pids, String description) {
        this.version = version;
        this.memory = memory;
        this.cpu = cpu;
        this.pids = pids;
        this.description = description;
    }

    static KernelCgroups unavailable(String why) {
        return new KernelCgroups(0, null, Optional.empty(), Optional.empty(), "no cgroups (" + why + ")");
    }

    /** Finds the cgroup mount under {@code mount} and sets up Jotter's parent group(s); never throws. */
    static KernelCgroups detect(Path mount) {
        try {
            if (Files.isRegularFile(mount.resolve("cgroup.controllers"))) {
                return detectV2(mount);
            }
            if (Files.isDirectory(mount.resolve("memory"))) {
                return detectV1(mount);
            }
            return unavailable("no cgroup v2 or v1 memory hierarchy under " + mount);
        } catch (IOException | RuntimeException e) {
            return unavailable("cannot set up " + PARENT + " under " + mount + ": " + e);
        }
    }

    private static KernelCgroups detectV2(Path mount) throws IOException {
        Path parent = mount.resolve(PARENT);
        Files.createDirectories(parent);
        // Controllers must be switched on for the children of every level; a level holding processes refuses.
        for (Path level : List.of(mount, parent)) {
            String enabled = Files.readString(level.resolve("cgroup.subtree_control"));
            for (String controller : List.of("memory", "pids", "cpu")) {
                if (!List.of(enabled.strip().split("\\s+")).contains(controller)) {
                    try {
                        Files.writeString(level.resolve("cgroup.subtree_control"), "+" + controller);
                    } catch (IOException e) {
                        if (controller.equals("memory")) {
                            throw new IOException("cannot enable the memory controller in " + level, e);
                        }
                    }
                }
            }
        }
        String enabled = Files.readString(parent.resolve("cgroup.subtree_control"));
        return new KernelCgroups(2, parent, Optional.of(parent).filter(p -> enabled.contains("cpu")),
                Optional.of(parent).filter(p -> enabled.contains("pids")), "cgroup v2 at " + parent);
    }

    private static KernelCgroups detectV1(Path mount) throws IOException {
        Path memory = Files.createDirectories(mount.resolve("memory").resolve(PARENT));
        return new KernelCgroups(1, memory, optionalHierarchy(mount, "cpu"), optionalHierarchy(mount, "pids"),
                "cgroup v1 at " + memory);
    }

    private static Optional<Path> optionalHierarchy(Path mount, String controller) {
        try {
            return Files.isDirectory(mount.resolve(controller))
                    ? Optional.of(Files.createDirectories(mount.resolve(controller).resolve(PARENT)))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    boolean available() {
        return version != 0;
    }

    String describe() {
        return description;
    }

    /**
     * Creates the kernel's group(s) with the sandbox's limits.
     *
     * @return the {@code cgroup.procs} files the kernel's launcher writes its pid into before it execs the kernel
     */
    List<Path> create(String runtimeId, Sandbox sandbox) throws IOException {
        remove(runtimeId);
        List<Path> procs = new ArrayList<>();
        Path mem = Files.createDirectories(memory.resolve(runtimeId));
        procs.add(mem.resolve("cgroup.procs"));
        if (version == 2) {
            write(mem, "memory.max", Long.toString(sandbox.memoryBytes()));
            writeIfPresent(mem, "memory.swap.max", "0");
            // On OOM the whole kernel goes (and whatever it started), not one random thread's process.
            writeIfPresent(mem, "memory.oom.group", "1");
            if (pids.isPresent()) {
                write(mem, "pids.max", Integer.toString(sandbox.maxProcesses()));
            }
            if (cpu.isPresent() && sandbox.cpus() > 0) {
                write(mem, "cpu.max", cpuQuotaMicros(sandbox) + " " + CPU_PERIOD_MICROS);
            }
            return procs;
        }
        write(mem, "memory.limit_in_bytes", Long.toString(sandbox.memoryBytes()));
        // With swap accounting on, memory+swap gets the same limit: no swapping past it.
        writeIfPresent(mem, "memory.memsw.limit_in_bytes", Long.toString(sandbox.memoryBytes()));
        if (pids.isPresent()) {
            Path dir = Files.createDirectories(pids.get().resolve(runtimeId));
            write(dir, "pids.max", Integer.toString(sandbox.maxProcesses()));
            procs.add(dir.resolve("cgroup.procs"));
        }
        if (cpu.isPresent() && sandbox.cpus() > 0) {
            Path dir = Files.createDirectories(cpu.get().resolve(runtimeId));
            write(dir, "cpu.cfs_period_us", Long.toString(CPU_PERIOD_MICROS));
            write(dir, "cpu.cfs_quota_us", Long.toString(cpuQuotaMicros(sandbox)));
            procs.add(dir.resolve("cgroup.procs"));
        }
        return procs;
    }

    private static long cpuQuotaMicros(Sandbox sandbox) {
        return Math.max(1000, Math.round(sandbox.cpus() * CPU_PERIOD_MICROS));
    }

    /** How often the OOM killer killed a process of this kernel's group; 0 when unknown. */
    long oomKills(String runtimeId) {
        if (!available()) {
            return 0;
        }
        Path file = memory.resolve(runtimeId).resolve(version == 2 ? "memory.events" : "memory.oom_control");
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith("oom_kill "))
                    .mapToLong(line -> Long.parseLong(line.substring("oom_kill ".length()).strip()))
                    .findFirst().orElse(0);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Every process in the kernel's group, including any that left the kernel's process tree (a daemon). */
    List<Long> processes(String runtimeId) {
        if (!available()) {
            return List.of();
        }
        try {
            return Files.readAllLines(memory.resolve(runtimeId).resolve("cgroup.procs")).stream()
                    .filter(line -> !line.isBlank()).map(line -> Long.parseLong(line.strip())).toList();
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    /** Removes the kernel's group(s); they must be empty. Missing ones are fine. */
    void remove(String runtimeId) throws IOException {
        if (!available()) {
            return;
        }
        List<Path> dirs = new ArrayList<>();
        dirs.add(memory.resolve(runtimeId));
        cpu.filter(c -> version == 1).ifPresent(c -> dirs.add(c.resolve(runtimeId)));
        pids.filter(p -> version == 1).ifPresent(p -> dirs.add(p.resolve(runtimeId)));
        for (Path dir : dirs) {
            removeWhenEmpty(dir);
        }
    }

    /** A cgroup directory goes with rmdir though it lists files; it is busy until its last process is reaped. */
    private static void removeWhenEmpty(Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (FileSystemException e) {
                if (attempt == 20) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void write(Path dir, String file, String value) throws IOException {
        Files.writeString(dir.resolve(file), value);
    }

    private static void writeIfPresent(Path dir, String file, String value) throws IOException {
        if (Files.exists(dir.resolve(file))) {
            write(dir, file, value);
        }
    }
}
