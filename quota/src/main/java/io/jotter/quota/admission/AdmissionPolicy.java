package io.jotter.quota.admission;

import io.jotter.quota.tiers.Tier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Decides admissions. A runtime is admitted only with at least {@link #minimumRunway} of quota ahead of it, so
 * nobody starts a runtime that would stop at once; it is then limited to what its quota covers.
 *
 * @param minimumRunway the least quota time a new runtime must have
 */
public record AdmissionPolicy(Duration minimumRunway) {
    public static AdmissionPolicy defaults() {
        return new AdmissionPolicy(Duration.ofMinutes(10));
    }

    public Admission decide(Tier tier, RuntimeAsk ask, Usage usage, Instant now) {
        if (!tier.runtimeTypes().contains(ask.type())) {
            return new Admission.Refused(Admission.Reason.TIER,
                    "The " + tier.name() + " tier does not include " + ask.type() + " runtimes.",
                    "Choose one of " + tier.runtimeTypes().stream().sorted().collect(Collectors.joining(", "))
                            + ", or move to a tier that includes " + ask.type() + ".", null);
        }
        if (usage.running() >= tier.maxConcurrent()) {
            return new Admission.Refused(Admission.Reason.CONCURRENCY,
                    "You already have " + usage.running() + " runtime" + (usage.running() == 1 ? "" : "s")
                            + " running, the most the " + tier.name() + " tier allows at once.",
                    "Stop a runtime you no longer need (Runtime → Manage runtimes), then try again.", null);
        }
        Duration left = tier.paysInUnits() ? unitsRunway(ask, usage) : acceleratorTimeLeft(tier, ask, usage);
        if (left != null && left.compareTo(minimumRunway) < 0) {
            return tier.paysInUnits() ? unitsSpent(ask, usage) : hoursSpent(tier, now);
        }
        if (left == null || left.compareTo(tier.maxLifetime()) >= 0) {
            return new Admission.Admitted(tier.maxLifetime(), false);
        }
        return new Admission.Admitted(left, true);
    }

    /** How long the user's free accelerator time lasts with this runtime added; {@code null}: not counted (CPU). */
    private static Duration acceleratorTimeLeft(Tier tier, RuntimeAsk ask, Usage usage) {
        if (!ask.accelerated()) {
            return null;
        }
        Duration left = tier.weeklyAcceleratorTime().minus(usage.acceleratorTimeThisWeek());
        // Every running accelerator runtime, this one included, draws on the same hours.
        return left.isNegative() ? Duration.ZERO : left.dividedBy(usage.runningAccelerators() + 1);
    }

    /** How long the user's units last with this runtime's rate added to what already runs. */
    private static Duration unitsRunway(RuntimeAsk ask, Usage usage) {
        BigDecimal burn = usage.burnPerHour().add(ask.unitsPerHour());
        if (burn.signum() == 0) {
            return null;
        }
        if (usage.units().signum() <= 0) {
            return Duration.ZERO;
        }
        BigDecimal seconds = usage.units().multiply(BigDecimal.valueOf(3600)).divide(burn, 0, RoundingMode.FLOOR);
        return Duration.ofSeconds(seconds.longValueExact());
    }

    private Admission.Refused hoursSpent(Tier tier, Instant now) {
        Instant renewal = Tier.weekStart(now).plus(Duration.ofDays(7));
        return new Admission.Refused(Admission.Reason.QUOTA,
                "You have used this week's " + tier.weeklyAcceleratorTime().toHours() + " h of accelerator time"
                        + " (less than " + minimumRunway.toMinutes() + " min left).",
                "CPU runtimes are not counted and stay available. Accelerator time renews " + renewal + ".", renewal);
    }

    private Admission.Refused unitsSpent(RuntimeAsk ask, Usage usage) {
        return new Admission.Refused(Admission.Reason.QUOTA,
                "Your " + usage.units().setScale(2, RoundingMode.FLOOR) + " compute units would last less than "
                        + minimumRunway.toMinutes() + " min with " + ask.type() + " (" + ask.unitsPerHour()
                        + " units an hour) added to what you run.",
                "Add compute units, stop another runtime, or choose a cheaper runtime type.", null);
    }
}
