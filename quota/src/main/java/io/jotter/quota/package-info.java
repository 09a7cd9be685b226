/**
 * Tiers (free, paid, course), their policies, the compute-unit ledger and admission decisions.
 *
 * <p>Not built yet: this module is a placeholder in the reactor until its issue lands.
 */
package io.jotter.quota;
