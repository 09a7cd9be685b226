/**
 * The cell's standard streams: {@code System.out} and {@code System.err} captured and sent as
 * stream output while the cell runs, in batches so a flood of lines cannot swamp the client, and
 * {@code System.in} answered by the client through {@code input_request}.
 *
 * <p>Nothing here knows about ZeroMQ or JShell; the kernel wires it to both.
 */
package io.jotter.kernel.io;
