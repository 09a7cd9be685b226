package io.jotter.scheduler.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Each user's recent accelerator use, for fair share within a tier: accelerator time, decayed so that it halves
 * every {@code halfLife} (with 6 hours, this morning's four GPU hours weigh one by tonight, yesterday's almost
 * nothing). Use is charged when a runtime stops.
 *
 * <p>The value kept is {@code log2(use) + t / halfLife}, the use brought forward to a common instant: decay is the
 * same for everyone, so comparing these compares use "now" at any now, and a queued request's key stays valid
 * until its user is charged again. Logarithms keep it finite however long the server runs. A user with no use
 * has {@code -Infinity}, first.
 */
public final class FairShare {
    private final double halfLifeSeconds;
    private final Map<String, Double> logUse = new HashMap<>();

    public FairShare(Duration halfLife) {
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("the half-life of recent use must be positive");
        }
        this.halfLifeSeconds = halfLife.toSeconds();
    }

    /** The user's recent use as an ordering key: smaller is less use; only comparisons mean anything. */
    public double recentUse(String user) {
        return logUse.getOrDefault(user, Double.NEGATIVE_INFINITY);
    }

    /** Adds accelerator time the user's runtime used, ending at {@code at}. */
    public void charge(String user, Duration acceleratorTime, Instant at) {
        if (acceleratorTime.isNegative() || acceleratorTime.isZero()) {
            return;
        }
        double added = Math.log(acceleratorTime.toMillis() / 1000.0) / Math.log(2) + at.getEpochSecond() / halfLifeSeconds;
        logUse.merge(user, added, FairShare::logSum);
    }

    /** The user's use, decayed to {@code at}, in accelerator seconds: what the key means, for people. */
    public double seconds(String user, Instant at) {
        return Math.pow(2, recentUse(user) - at.getEpochSecond() / halfLifeSeconds);
    }

    /** log2(2^a + 2^b) without leaving the range of doubles. */
    private static double logSum(double a, double b) {
        double high = Math.max(a, b);
        double low = Math.min(a, b);
        return high + Math.log1p(Math.pow(2, low - high)) / Math.log(2);
    }
}
