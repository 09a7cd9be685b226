/**
 * Runtimes as users ask for them: the runtime types on offer, tiers and quota, admission, the usage ledger,
 * the queue and reservations. The decisions themselves are {@code io.jotter.quota}'s ("may"),
 * {@code io.jotter.pool}'s ("where") and {@code io.jotter.scheduler}'s (both, in order); this package maps the
 * server's configuration onto them, keeps their state in PostgreSQL where more than one request meets (an
 * account's lock, a type's capacity, reservation slots, the append-only ledger), and serves the REST API.
 *
 * <p>Starting and stopping kernels stays {@code io.jotter.server.kernels}'s job; it asks this package for
 * admission and reports every start and stop here, where metering opens and closes.
 */
package io.jotter.server.runtimes;
