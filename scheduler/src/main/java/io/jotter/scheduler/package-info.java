/**
 * Runtime lifecycle (request, admit, place, launch, connect, cull, stop) behind the RuntimeBackend port, with
 * local-process and Kubernetes backends.
 *
 * <p>Built so far: {@code kernelspec} (finding Jupyter kernel specs), {@code runtime} (the {@code RuntimeBackend}
 * port) and {@code local} (kernels as local processes). Queueing, admission and placement come later and must
 * reach quota and the accelerator pool only through their public APIs.
 */
package io.jotter.scheduler;
