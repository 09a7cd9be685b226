/**
 * Evaluation of Java cells with JShell: splitting a cell into snippets, running them in this
 * JVM (JShell's local execution engine, so results stay real objects for display), turning
 * compile and runtime failures into cell-relative errors, stopping a running cell, and the
 * source analysis behind completion, inspection and {@code is_complete}.
 *
 * <p>Nothing here knows about ZeroMQ, messages or output streams.
 */
package io.jotter.kernel.eval;
