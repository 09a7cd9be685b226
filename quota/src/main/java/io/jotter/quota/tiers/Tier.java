package io.jotter.quota.tiers;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Set;

/**
 * What a tier allows.
 *
 * @param name {@code free}, {@code pro}, {@code pro-plus}, {@code course}, or an operator's own
 * @param runtimeTypes the runtime types its users may ask for
 * @param maxConcurrent how many runtimes one user may hold at once
 * @param idleTimeout a runtime idle this long is stopped (a running cell is never idle)
 * @param maxLifetime a runtime is stopped this long after it started, busy or not
 * @param weeklyAcceleratorTime accelerator time a user has per week (free tiers); {@code null} when the tier pays
 *     in compute units instead
 * @param monthlyComputeUnits units granted each month (paid tiers); zero for free tiers
 * @param unitsExpireAfter how long granted units stay usable
 * @param priority higher goes first in the queue, and may preempt lower
 * @param mayReserve whether its users may book runtimes ahead
 */
public record Tier(String name, Set<String> runtimeTypes, int maxConcurrent, Duration idleTimeout, Duration maxLifetime,
                   Duration weeklyAcceleratorTime, BigDecimal monthlyComputeUnits, Duration unitsExpireAfter,
                   int priority, boolean mayReserve) {
    public Tier {
        Objects.requireNonNull(name, "name");
        runtimeTypes = Set.copyOf(runtimeTypes);
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        monthlyComputeUnits = monthlyComputeUnits == null ? BigDecimal.ZERO : monthlyComputeUnits;
        unitsExpireAfter = unitsExpireAfter == null ? Duration.ofDays(90) : unitsExpireAfter;
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException(name + ": max concurrent runtimes must be zero or more");
        }
        if ((weeklyAcceleratorTime == null) == (monthlyComputeUnits.signum() == 0)) {
            throw new IllegalArgumentException(name + ": a tier counts either weekly accelerator hours (free) or "
                    + "monthly compute units (paid), not both and not neither");
        }
    }

    /** Whether its users spend compute units (paid) rather than weekly accelerator hours (free). */
    public boolean paysInUnits() {
        return weeklyAcceleratorTime == null;
    }

    /** When the week that holds {@code now} began: Monday 00:00 UTC, when free accelerator hours renew. */
    public static Instant weekStart(Instant now) {
        return now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
    }

    /** When free accelerator hours next renew. */
    public static Instant nextRenewal(Instant now) {
        return weekStart(now).plus(Duration.ofDays(7));
    }
}
