package io.jotter.quota.admission;

import io.jotter.quota.ledger.Balance;
import io.jotter.quota.tiers.Tier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the usage page shows: nothing about quota is secret.
 *
 * @param tier the tier's name
 * @param units compute units left (paid tiers), running runtimes' use so far taken off
 * @param burnPerHour what the running runtimes spend together, units an hour
 * @param timeLeft how long the units last at that rate; {@code null} when nothing burns units
 * @param acceleratorTimeUsed this week's accelerator time (free tiers)
 * @param acceleratorTimeLeft what is left of it; {@code null} for paid tiers
 * @param renewsAt when accelerator time renews (free tiers); {@code null} for paid tiers
 * @param expiring units that will expire unspent unless used, soonest first
 * @param warnings what the user should know now, in words
 */
public record QuotaStatus(String tier, BigDecimal units, BigDecimal burnPerHour, Duration timeLeft,
                          Duration acceleratorTimeUsed, Duration acceleratorTimeLeft, Instant renewsAt,
                          List<Balance.Expiring> expiring, List<String> warnings) {
    /** Warn when quota runs out within this at the current rate. */
    public static final Duration RUNNING_OUT = Duration.ofMinutes(30);
    /** Warn about units expiring within this. */
    public static final Duration EXPIRING_SOON = Duration.ofDays(7);

    public static QuotaStatus of(Tier tier, Balance balance, Usage usage, Instant now) {
        List<String> warnings = new ArrayList<>();
        if (tier.paysInUnits()) {
            Duration timeLeft = null;
            if (usage.burnPerHour().signum() > 0) {
                long seconds = usage.units().max(BigDecimal.ZERO).multiply(BigDecimal.valueOf(3600))
                        .divide(usage.burnPerHour(), 0, RoundingMode.FLOOR).longValueExact();
                timeLeft = Duration.ofSeconds(seconds);
                if (timeLeft.compareTo(RUNNING_OUT) < 0) {
                    warnings.add("At this rate your compute units run out in " + minutes(timeLeft)
                            + "; your runtimes will then stop, after their notebooks are saved.");
                }
            }
            for (Balance.Expiring expiring : balance.expiring()) {
                if (expiring.at().isBefore(now.plus(EXPIRING_SOON))) {
                    warnings.add(expiring.units().setScale(2, RoundingMode.FLOOR) + " compute units expire unspent at "
                            + expiring.at() + ".");
                }
            }
            return new QuotaStatus(tier.name(), usage.units(), usage.burnPerHour(), timeLeft,
                    usage.acceleratorTimeThisWeek(), null, null, balance.expiring(), warnings);
        }
        Duration left = tier.weeklyAcceleratorTime().minus(usage.acceleratorTimeThisWeek());
        left = left.isNegative() ? Duration.ZERO : left;
        Duration timeLeft = usage.runningAccelerators() == 0 ? null : left.dividedBy(usage.runningAccelerators());
        if (timeLeft != null && timeLeft.compareTo(RUNNING_OUT) < 0) {
            warnings.add("Your accelerator time for this week runs out in " + minutes(timeLeft)
                    + "; accelerator runtimes will then stop, after their notebooks are saved.");
        }
        return new QuotaStatus(tier.name(), BigDecimal.ZERO, BigDecimal.ZERO, timeLeft, usage.acceleratorTimeThisWeek(),
                left, Tier.nextRenewal(now), List.of(), warnings);
    }

    private static String minutes(Duration duration) {
        return Math.max(0, duration.toMinutes()) + " min";
    }
}
