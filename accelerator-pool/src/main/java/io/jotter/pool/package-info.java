/**
 * The accelerator pool: which runtime types exist ({@code catalog}), where a runtime of a type fits now
 * ({@code capacity}), and what is booked for later ({@code reservations}). It answers "where", never "may":
 * tiers and quota live in {@code io.jotter.quota}, and the scheduler combines the two.
 *
 * <p>Plain Java with no framework and no storage: the server maps its configuration and tables onto these
 * types, and the scheduler benchmark drives them directly.
 */
package io.jotter.pool;
