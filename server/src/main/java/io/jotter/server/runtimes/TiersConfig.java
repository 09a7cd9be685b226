package io.jotter.server.runtimes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Changes to the tiers ({@code io.jotter.quota.tiers.Tiers#defaults()}): any field of a default tier, or a new
 * tier in full, for example {@code jotter.tiers.free.weekly-accelerator-hours=15}.
 */
@ConfigMapping(prefix = "jotter.tiers")
public interface TiersConfig {
    /** By tier name. */
    @WithParentName
    Map<String, TierConfig> tiers();

    interface TierConfig {
        /** Runtime types its users may ask for. */
        Optional<Set<String>> runtimeTypes();

        /** Runtimes one user may hold at once. */
        Optional<Integer> maxConcurrent();

        /** A runtime idle this long is stopped. */
        Optional<Duration> idleTimeout();

        /** A runtime is stopped this long after it started. */
        Optional<Duration> maxLifetime();

        /** Free tiers: accelerator hours a week. */
        Optional<Integer> weeklyAcceleratorHours();

        /** Paid tiers: compute units a month. */
        Optional<BigDecimal> monthlyComputeUnits();

        /** Higher goes first in the queue. */
        Optional<Integer> priority();

        /** Whether its users may reserve runtimes ahead. */
        Optional<Boolean> mayReserve();
    }
}
