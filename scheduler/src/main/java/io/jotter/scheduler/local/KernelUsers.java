package io.jotter.scheduler.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Creates, on first use, one system user per Jotter account, with its home under {@code usersDir}. The OS name is
 * derived from a hash of the account id, so an account name never reaches useradd or a path, and the same account
 * gets the same user (and uid) after a restart.
 */
final class KernelUsers {
    /** useradd's exit status when the name is taken: another server thread or process created it first. */
    private static final int USERADD_NAME_IN_USE = 9;
    private static final String NOLOGIN = "/usr/sbin/nologin";

    private final Path usersDir;

    KernelUsers(Path usersDir) {
        this.usersDir = usersDir;
    }

    /** {@code jt-} and the first 16 hex digits of the account's SHA-256: 19 characters, safe for useradd. */
    static String osNameFor(String account) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(account.getBytes(StandardCharsets.UTF_8));
            return "jt-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The account's user, created if missing, with its home present, owned by it and closed to others. */
    synchronized KernelUser ensure(String account) throws IOException {
        String name = osNameFor(account);
        Path home = usersDir.resolve(name);
        Optional<KernelUser> user = lookup(name);
        if (user.isEmpty()) {
            Commands.Result added = Commands.run(List.of("useradd", "--system", "--user-group", "--no-create-home",
                    "--home-dir", home.toString(), "--shell", NOLOGIN, "--comment", "Jotter kernels", name));
            if (!added.ok() && added.exitCode() != USERADD_NAME_IN_USE) {
                throw new IOException("useradd " + name + " failed (" + added.exitCode() + "): " + added.output());
            }
            user = lookup(name);
        }
        KernelUser found = user.orElseThrow(() -> new IOException("user " + name + " missing right after useradd"));
        if (found.uid() == 0 || found.gid() == 0) {
            throw new IOException("refusing to run kernels as " + name + ": it has uid or gid 0");
        }
        if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(home);
        }
        // Re-asserted on every start: whoever changed them, the home is the user's and no one else's.
        Files.setAttribute(home, "unix:uid", found.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(home, "unix:gid", found.gid(), LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        return found;
    }

    private Optional<KernelUser> lookup(String name) throws IOException {
        Commands.Result entry = Commands.run(List.of("getent", "passwd", name));
        if (!entry.ok()) {
            return Optional.empty();
        }
        // name:password:uid:gid:gecos:home:shell
        String[] fields = entry.output().lines().findFirst().orElse("").split(":", -1);
        if (fields.length < 7 || !fields[0].equals(name)) {
            throw new IOException("unexpected passwd entry for " + name + ": " + entry.output());
        }
        return Optional.of(new KernelUser(name, Integer.parseInt(fields[2]), Integer.parseInt(fields[3]),
                usersDir.resolve(name)));
    }
}
