/**
 * Tiers (free, pro, pro-plus, course) and their policies. Defaults in {@link io.jotter.quota.tiers.Tiers#defaults()};
 * the server's configuration overrides any field of any tier.
 */
package io.jotter.quota.tiers;
