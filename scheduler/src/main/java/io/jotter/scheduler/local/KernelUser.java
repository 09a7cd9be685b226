package io.jotter.scheduler.local;

import java.nio.file.Path;

/**
 * The OS account that runs one Jotter account's kernels.
 *
 * @param name the OS user name, {@code jt-} and hex digits
 * @param uid its user id
 * @param gid its own group's id
 * @param home its home and the kernels' working directory, owned by it, mode 0700
 */
record KernelUser(String name, int uid, int gid, Path home) {
}
