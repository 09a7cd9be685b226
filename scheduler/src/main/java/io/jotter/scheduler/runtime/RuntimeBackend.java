package io.jotter.scheduler.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Where kernels run: a local process, a Kubernetes pod. The scheduler drives one runtime through
 * {@code start → (isAlive | interrupt)* → kill → cleanUp}; talking to the kernel over its sockets is the caller's
 * job (a {@link io.jotter.kernel.protocol.KernelClient} on {@link RuntimeHandle#connection()}), not the
 * backend's. Modelled on jupyter_client's {@code KernelProvisionerBase}.
 *
 * <p>Implementations are thread-safe: the scheduler may poll one runtime while it kills another.
 */
public interface RuntimeBackend {

    /**
     * Called by the scheduler once a runtime is admitted and placed. Chooses the ports and the signing key,
     * writes the connection file where the kernel reads it, and launches the kernel.
     *
     * <p>After: the kernel has been launched, but may still be starting (it answers {@code kernel_info_request}
     * when ready; the caller waits for that) or may already have failed ({@link #isAlive} says so).
     *
     * @throws RuntimeBackendException when the kernel could not be launched; nothing is left behind
     */
    RuntimeHandle start(RuntimeRequest request);

    /**
     * Called by the scheduler's watchdog and the reconciler, often: must be cheap and never block on the kernel.
     *
     * @return whether the kernel's process or pod still exists; a kernel that hangs is still alive (the heartbeat
     *     tells that apart)
     */
    boolean isAlive(RuntimeHandle handle);

    /**
     * Called when a user interrupts a kernel whose spec's {@code interrupt_mode} is {@code signal}: sends SIGINT
     * to the kernel process. For {@code message} the caller sends {@code interrupt_request} on the control channel
     * itself and does not call this, as jupyter_client's {@code KernelManager} does.
     *
     * <p>After: the signal is sent; the kernel reports the interrupted cell on iopub as usual. A dead kernel is
     * not an error.
     */
    void interrupt(RuntimeHandle handle);

    /**
     * Called when a runtime stops (the user, the idle culler, quota), after a polite {@code shutdown_request} was
     * ignored or not tried. Terminates the kernel and everything it started, forcibly after a grace period.
     *
     * <p>After: {@link #isAlive} is false. Idempotent.
     */
    void kill(RuntimeHandle handle);

    /**
     * Called after {@link #isAlive} turned false and before {@link #cleanUp}: why the kernel ended, in words a user
     * can be shown (it ran out of its memory limit; a GPU runtime's kernel found no usable GPU and said why, see
     * {@link io.jotter.kernel.protocol.NoGpuExit}).
     *
     * @return empty while it runs, or when the backend cannot tell
     */
    default Optional<String> whyEnded(RuntimeHandle handle) {
        return Optional.empty();
    }

    /**
     * Called once after the kernel is gone, whether killed or dead on its own. Removes the connection file (it
     * holds the signing key) and whatever else {@link #start} set up.
     *
     * <p>After: the backend holds nothing for this runtime. Idempotent.
     */
    void cleanUp(RuntimeHandle handle);

    /**
     * Called by the reconciler when the server starts, before it launches anything: every runtime this backend can
     * find that was started with its configuration, whether or not any server still knows of it (processes whose
     * server died, pods without a record). The reconciler kills and cleans up those it has no use for.
     *
     * @return handles good for {@link #isAlive}, {@link #kill} and {@link #cleanUp}; their connection may be
     *     {@code null}
     */
    List<RuntimeHandle> discover();
}
