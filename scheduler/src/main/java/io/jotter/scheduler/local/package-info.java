/**
 * Kernels as child processes of this JVM, on 127.0.0.1: the {@link io.jotter.scheduler.runtime.RuntimeBackend}
 * for a single machine and for development, doing what jupyter_client's {@code LocalProvisioner} does. For several
 * accounts on one machine, {@link io.jotter.scheduler.local.OsUserIsolation} runs each account's kernels as an OS
 * user of its own under cgroup (or rlimit) limits, as The Littlest JupyterHub does.
 *
 * <p>Only process, file, OS-user and cgroup handling lives here; no scheduling decisions, no quota (the limits
 * arrive in the request's sandbox) and no talking to the kernel over ZeroMQ.
 */
package io.jotter.scheduler.local;
