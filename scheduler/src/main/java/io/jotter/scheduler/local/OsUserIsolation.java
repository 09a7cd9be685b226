package io.jotter.scheduler.local;

import io.jotter.kernel.protocol.ConnectionInfo;
import io.jotter.scheduler.runtime.RuntimeRequest;
import io.jotter.scheduler.runtime.RuntimeRequest.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs each account's kernels as an unprivileged OS user of its own, as The Littlest JupyterHub does: created on
 * demand ({@link KernelUsers}), started in its own 0700 home under {@code usersDir}, with a clean environment
 * (none of the server's secrets), in a cgroup with the sandbox's memory, CPU and process limits
 * ({@link KernelCgroups}), or under rlimits where cgroups cannot be written.
 *
 * <p>Layout: {@code usersDir} (root, 0711: others may pass, not list) holds one home per OS user and
 * {@code .connections/} (root, 0711), where each kernel's connection file is owned by the kernel's user, mode 0600:
 * the kernel reads its own key and no one else's. The directory is root's so that a user cannot swap the file for
 * a link while the server writes it.
 *
 * <p>Needs root (to create users, chown and drop privileges); {@link #create} says so plainly otherwise.
 */
public final class OsUserIsolation {
    /** Launcher run as root: joins the kernel's cgroups, then execs the rest. A constant: paths come as arguments. */
    private static final String JOIN_CGROUPS = "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done;"
            + " shift; exec \"$@\"";
    /** Without a memory cgroup, the address-space rlimit must leave room for what a JVM reserves but never uses. */
    private static final long ADDRESS_SPACE_HEADROOM = 4L << 30;
    private static final List<String> PASSED_ON = List.of("PATH", "LANG", "LC_ALL", "TZ", "JAVA_HOME");
    private static final Set<PosixFilePermission> PASSABLE = PosixFilePermissions.fromString("rwx--x--x");

    private final Path usersDir;
    private final Path connectionsDir;
    private final KernelUsers users;
    private final KernelCgroups cgroups;
    private final String prlimit;
    private final String setpriv;

    private OsUserIsolation(Path usersDir, KernelCgroups cgroups, String prlimit, String setpriv) {
        this.usersDir = usersDir;
        this.connectionsDir = usersDir.resolve(".connections");
        this.users = new KernelUsers(usersDir);
        this.cgroups = cgroups;
        this.prlimit = prlimit;
        this.setpriv = setpriv;
    }

    /**
     * Checks that this server can isolate kernels and sets up {@code usersDir}; limits by cgroups where they work.
     *
     * @param usersDir where the kernel users' homes go; every directory above it must be open to others ({@code x})
     * @throws IllegalStateException when the server is not root, a tool is missing or {@code usersDir} is unusable,
     *     with a message saying what to change
     */
    public static OsUserIsolation create(Path usersDir) {
        return create(usersDir, true);
    }

    /** As {@link #create(Path)}; {@code useCgroups = false} limits by rlimits only, as where cgroups are missing. */
    public static OsUserIsolation create(Path usersDir, boolean useCgroups) {
        Path dir = usersDir.toAbsolutePath().normalize();
        int uid = currentUid();
        if (uid != 0) {
            throw new IllegalStateException("running kernels as separate OS users needs the server to run as root,"
                    + " but it runs as uid " + uid + "; run it as root or switch kernel isolation off");
        }
        String prlimit = tool("prlimit");
        String setpriv = tool("setpriv");
        tool("useradd");
        tool("getent");
        try {
            for (Path level : List.of(dir, dir.resolve(".connections"))) {
                Files.createDirectories(level);
                Files.setAttribute(level, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(level, "unix:gid", 0, LinkOption.NOFOLLOW_LINKS);
                Files.setPosixFilePermissions(level, PASSABLE);
            }
            for (Path above = dir.getParent(); above != null; above = above.getParent()) {
                if (!Files.getPosixFilePermissions(above).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException("kernel users cannot reach " + dir + ": " + above
                            + " is closed to others (mode " + PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(above)) + "); choose a directory outside it");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot set up the kernel users' directory " + dir + ": " + e, e);
        }
        KernelCgroups limits = useCgroups ? KernelCgroups.detect(Path.of("/sys/fs/cgroup"))
                : KernelCgroups.unavailable("switched off");
        return new OsUserIsolation(dir, limits, prlimit, setpriv);
    }

    private static int currentUid() {
        try {
            // /proc/self belongs to the process's effective user.
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot tell which user this server runs as (no /proc?)", e);
        }
    }

    private static String tool(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        throw new IllegalStateException(name + " is missing; kernel isolation needs util-linux and passwd"
                + " (apt-get install util-linux passwd)");
    }

    /** How kernels are isolated here, for the server's start-up log. */
    public String describe() {
        return "kernels run as OS users with homes under " + usersDir + "; limits by "
                + (cgroups.available() ? cgroups.describe() : "rlimits, " + cgroups.describe());
    }

    /** Whether memory is limited by a cgroup (else by an address-space rlimit). */
    public boolean limitsByCgroup() {
        return cgroups.available();
    }

    Path usersDir() {
        return usersDir;
    }

    Path connectionsDir() {
        return connectionsDir;
    }

    Path connectionFile(String runtimeId) {
        return connectionsDir.resolve("kernel-" + runtimeId + ".json");
    }

    /**
     * Sets up everything for one kernel: its user, its home, its connection file (readable by it alone) and its
     * cgroup. Undo with {@link #release}.
     */
    IsolatedLaunch prepare(RuntimeRequest request, Sandbox sandbox, ConnectionInfo connection) throws IOException {
        KernelUser user = users.ensure(sandbox.account());
        Path file = connectionFile(request.runtimeId());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        connection.write(file);
        Files.setAttribute(file, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(file, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);

        List<String> command = new ArrayList<>();
        List<Path> procs = cgroups.available() ? cgroups.create(request.runtimeId(), sandbox) : List.of();
        if (!procs.isEmpty()) {
            command.addAll(List.of("/bin/sh", "-c", JOIN_CGROUPS, "jotter-join-cgroups"));
            procs.forEach(p -> command.add(p.toString()));
            command.add("--");
        }
        command.addAll(List.of(prlimit, "--nproc=" + sandbox.maxProcesses(), "--core=0"));
        if (!cgroups.available()) {
            command.add("--as=" + (sandbox.memoryBytes() + ADDRESS_SPACE_HEADROOM));
        }
        command.addAll(List.of("--", setpriv, "--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups",
                "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--"));
        command.addAll(request.kernelSpec().commandFor(file));
        Path workDir = request.workingDirectory().toAbsolutePath().normalize().startsWith(user.home())
                ? request.workingDirectory() : user.home();
        return new IsolatedLaunch(user, file, workDir, command, environment(user, sandbox, request));
    }

    /**
     * A clean environment: a few harmless variables of the server's, never its secrets; the user's identity; the
     * JVM sized under the memory limit; then the spec's and the request's variables.
     */
    private static Map<String, String> environment(KernelUser user, Sandbox sandbox, RuntimeRequest request) {
        Map<String, String> env = new HashMap<>();
        for (String name : PASSED_ON) {
            Optional.ofNullable(System.getenv(name)).ifPresent(value -> env.put(name, value));
        }
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", user.home().toString());
        env.put("USER", user.name());
        env.put("LOGNAME", user.name());
        // glibc's per-thread arenas reserve 64 MiB of address space each; few arenas keep an rlimit meaningful.
        env.put("MALLOC_ARENA_MAX", "2");
        env.put("JAVA_TOOL_OPTIONS", JvmSizing.optionsFor(sandbox.memoryBytes()));
        env.putAll(request.kernelSpec().env());
        env.putAll(request.env());
        return env;
    }

    /** After the kernel is gone: how often it was OOM-killed, read before its cgroup goes. */
    long oomKills(String runtimeId) {
        return cgroups.oomKills(runtimeId);
    }

    /** Every process in the kernel's cgroup, including any that left its process tree. */
    List<Long> processes(String runtimeId) {
        return cgroups.processes(runtimeId);
    }

    /** Removes the kernel's connection file and cgroup; the cgroup only once it is empty. */
    void release(String runtimeId) throws IOException {
        Files.deleteIfExists(connectionFile(runtimeId));
        cgroups.remove(runtimeId);
    }

    /** One kernel's launch, prepared: run {@code command} in {@code workDir} with exactly {@code environment}. */
    record IsolatedLaunch(KernelUser user, Path connectionFile, Path workDir, List<String> command,
                          Map<String, String> environment) {
    }
}
