/**
 * The Jotter Java kernel process: {@link io.jotter.kernel.JotterKernel} wires the transport, the
 * handlers, output capture and JShell together. Feature packages: {@code transport} (sockets),
 * {@code handler} (one per request type), {@code eval} (JShell), {@code io} (standard streams),
 * {@code display} (rich output), {@code magic} (%-commands).
 */
package io.jotter.kernel;
