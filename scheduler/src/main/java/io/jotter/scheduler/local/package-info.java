/**
 * Kernels as child processes of this JVM, on 127.0.0.1: the {@link io.jotter.scheduler.runtime.RuntimeBackend}
 * for a single machine and for development, doing what jupyter_client's {@code LocalProvisioner} does.
 *
 * <p>Only process and file handling lives here; no scheduling decisions and no talking to the kernel over ZeroMQ.
 */
package io.jotter.scheduler.local;
