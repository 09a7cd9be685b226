/**
 * What waits for a runtime, and in which order: {@link io.jotter.scheduler.queue.RuntimeQueue} (one ordered queue
 * per runtime type, with positions in logarithmic time), {@link io.jotter.scheduler.queue.QueueOrder} (priority
 * and fair share, or first come first served) and {@link io.jotter.scheduler.queue.FairShare} (recent
 * accelerator use). Kueue's "queue" piece: no capacity, no quota and no clock here; the decision package
 * combines them.
 */
package io.jotter.scheduler.queue;
