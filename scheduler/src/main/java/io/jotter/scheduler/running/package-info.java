/**
 * What is admitted and booked: {@link io.jotter.scheduler.running.RunningRuntimes} (the running runtimes and the
 * counts decisions read), {@link io.jotter.scheduler.running.ReservationBook} (reservations and what they hold
 * back now) and {@link io.jotter.scheduler.running.StartEstimator} (when slots free, learned from what ran).
 * Kueue's "cache" piece: it records decisions, it does not make them, and it reads no clock.
 */
package io.jotter.scheduler.running;
