/**
 * Who may hold which runtime, and for how long: tiers ({@code tiers}), the compute-unit and accelerator-hour
 * ledger ({@code ledger}), and admission decisions on a snapshot of a user's usage ({@code admission}). Quota
 * decides "may"; where a runtime fits is {@code io.jotter.pool}'s question.
 *
 * <p>Plain Java, no framework, no storage, no clock of its own: callers pass the time and the ledger's entries.
 */
package io.jotter.quota;
