/**
 * Where a runtime fits now: nodes, each serving one runtime type with a number of slots (accelerators for GPU
 * and TPU nodes, runtimes for CPU nodes), and best-fit placement on them. The pool is a plain in-memory model
 * owned by one thread at a time; the server keeps the authoritative counts in PostgreSQL, and the scheduler
 * benchmark drives this model with ten thousand nodes.
 */
package io.jotter.pool.capacity;
