package io.jotter.scheduler.running;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Estimates when the k-th slot of a type frees up, from what runs now and how long runtimes of the type have
 * lasted. Per type it learns the distribution of runtime lengths (a histogram by minute of the runtimes that
 * stopped) and keeps how many running runtimes started in each minute. A runtime aged {@code a} frees its slot
 * within {@code d} with probability {@code 1 - S(a + d) / S(a)}, S the learned survival function: an old
 * runtime that has outlived most is not counted as about to end, as "start + mean length" would. The estimate is
 * the first minute by which the expected number of freed slots reaches k; a slot refilled meanwhile frees again
 * once per mean length, so a queue many times deeper than the type's slots gets an estimate, not "never".
 *
 * <p>Until {@link #MIN_SAMPLES} runtimes of a type have stopped, lengths are assumed exponential with mean
 * {@code prior}. Old samples fade: counts halve every {@link #FORGET_AFTER} samples. Not thread-safe.
 */
public final class StartEstimator {
    static final int MIN_SAMPLES = 50;
    static final long FORGET_AFTER = 20_000;
    /** Minutes of length and of waiting the estimator sees; longer is "more than two days". */
    static final int HORIZON = 2 * 24 * 60;

    private final double priorMinutes;
    private final Map<String, TypeStats> byType = new HashMap<>();

    /** @param prior the mean runtime length assumed before any has been seen */
    public StartEstimator(Duration prior) {
        this.priorMinutes = Math.max(1, prior.toMinutes());
    }

    /** A runtime of the type started at {@code at}. */
    public void started(String type, Instant at) {
        stats(type).running[ring(minute(at))]++;
    }

    /** A runtime of the type that started at {@code startedAt} stopped at {@code at}. */
    public void stopped(String type, Instant startedAt, Instant at) {
        TypeStats stats = stats(type);
        stats.running[ring(minute(startedAt))]--;
        int length = (int) Math.min(HORIZON - 1, Math.max(0, Duration.between(startedAt, at).toMinutes()));
        stats.lengths[length]++;
        stats.samples++;
        stats.stale = true;
        if (stats.samples >= FORGET_AFTER) {
            stats.samples = 0;
            for (int i = 0; i < HORIZON; i++) {
                stats.lengths[i] /= 2;
                stats.samples += stats.lengths[i];
            }
        }
    }

    /**
     * When the k-th slot of the type frees, counting from now; {@code now} for {@code k <= 0}.
     *
     * @param k how many slots must free before the request starts: its position, plus slots held back for
     *     reservations, less slots free now
     */
    public Instant estimate(String type, int k, Instant now) {
        return estimate(type, k, 0, now);
    }

    /**
     * When the k-th slot of the type frees for a request that later arrivals overtake at {@code overtakesPerMinute}:
     * the first minute d by which the slots freed cover k and the d minutes' overtakers.
     */
    public Instant estimate(String type, int k, double overtakesPerMinute, Instant now) {
        if (k <= 0) {
            return now;
        }
        TypeStats stats = stats(type);
        double[] survival = stats.survival(now, priorMinutes);
        long nowMinute = minute(now);
        int low = 0;
        int high = HORIZON;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (expectedFrees(stats, survival, nowMinute, mid) >= k + overtakesPerMinute * mid) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return now.plus(Duration.ofMinutes(low));
    }

    /** How many slots of the type are expected to free within {@code within} from now, refills included. */
    public double expectedFrees(String type, Duration within, Instant now) {
        TypeStats stats = stats(type);
        int d = (int) Math.min(HORIZON - 1, Math.max(0, within.toMinutes()));
        return expectedFrees(stats, stats.survival(now, priorMinutes), minute(now), d);
    }

    /**
     * Expected slots freed within {@code d} minutes: by running runtimes, and again by those started in their place.
     * A runtime aged {@code a} first frees its slot at T, with {@code P(T > t) = S(a + t) / S(a)}; after that, the
     * slot frees once per mean length μ (the renewal theorem), so it frees {@code P(T <= d) + (d - E[min(T, d)]) / μ}
     * times by d. {@code E[min(T, d)]} is the sum of {@code P(T > t)} for t below d, from prefix sums of S.
     */
    private double expectedFrees(TypeStats stats, double[] survival, long nowMinute, int d) {
        double[] sums = stats.survivalSums;
        double mean = stats.meanMinutes;
        double frees = 0;
        for (int age = 0; age < HORIZON; age++) {
            int count = stats.running[ring(nowMinute - age)];
            if (count <= 0) {
                continue;
            }
            double alive = survival[age];
            double first;
            double beforeFirst;
            if (alive <= 0) {
                // Older than any seen stop: the prior's memoryless rate for it.
                first = 1 - Math.exp(-d / priorMinutes);
                beforeFirst = priorMinutes * first;
            } else {
                int end = Math.min(HORIZON, age + d);
                first = 1 - survival[Math.min(HORIZON - 1, age + d)] / alive;
                beforeFirst = (sums[end] - sums[age]) / alive;
            }
            frees += count * (first + Math.max(0, d - beforeFirst) / mean);
        }
        return frees;
    }

    private TypeStats stats(String type) {
        return byType.computeIfAbsent(type, t -> new TypeStats());
    }

    private static long minute(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60);
    }

    private static int ring(long minute) {
        return (int) Math.floorMod(minute, (long) HORIZON);
    }

    private static final class TypeStats {
        final long[] lengths = new long[HORIZON];
        /** Running runtimes by start minute, modulo the horizon (none lives longer: lifetimes are a day at most). */
        final int[] running = new int[HORIZON];
        long samples;
        boolean stale = true;
        long computedAt = Long.MIN_VALUE;
        final double[] survival = new double[HORIZON];
        /** {@code survivalSums[t]}: the sum of survival below t, so the expected minutes a runtime lives, to t. */
        final double[] survivalSums = new double[HORIZON + 1];
        double meanMinutes = 1;

        /** The survival function, recomputed at most once a minute: new samples barely move it. */
        double[] survival(Instant now, double priorMinutes) {
            long minute = minute(now);
            if (stale && minute != computedAt) {
                computedAt = minute;
                stale = false;
                if (samples < MIN_SAMPLES) {
                    for (int a = 0; a < HORIZON; a++) {
                        survival[a] = Math.exp(-a / priorMinutes);
                    }
                } else {
                    long above = samples;
                    for (int a = 0; a < HORIZON; a++) {
                        above -= lengths[a];
                        // A length of a minutes ends within minute a: survival at a counts those longer.
                        survival[a] = (double) above / samples;
                    }
                }
                for (int a = 0; a < HORIZON; a++) {
                    survivalSums[a + 1] = survivalSums[a] + survival[a];
                }
                meanMinutes = Math.max(1, survivalSums[HORIZON]);
            }
            return survival;
        }
    }
}
