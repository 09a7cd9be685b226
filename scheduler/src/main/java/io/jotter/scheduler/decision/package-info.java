/**
 * The scheduler's decisions: {@link io.jotter.scheduler.decision.Scheduler} admits (quota's
 * {@code AdmissionPolicy} on a {@link io.jotter.scheduler.decision.UsageView} snapshot), places (the pool's
 * {@code CapacityPool}) or queues a request, dispatches waiting ones as capacity frees, and picks free runtimes to
 * preempt for paying users. Pure and in memory, single-threaded, time from an injected clock; launching,
 * persistence and locking are the caller's. Must not reach into {@code local}, {@code runtime} or backends.
 */
package io.jotter.scheduler.decision;
