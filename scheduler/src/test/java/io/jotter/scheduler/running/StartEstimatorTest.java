package io.jotter.scheduler.running;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartEstimatorTest {
    private static final Instant NOON = Instant.parse("2025-03-03T12:00:00Z");

    private static long minutes(Instant from, Instant to) {
        return Duration.between(from, to).toMinutes();
    }

    @Test
    void nothingToWaitForIsNow() {
        assertEquals(NOON, new StartEstimator(Duration.ofHours(1)).estimate("gpu-t4", 0, NOON));
    }

    @Test
    void beforeLearningItAssumesThePrior() {
        StartEstimator estimator = new StartEstimator(Duration.ofHours(1));
        estimator.started("gpu-t4", NOON);
        long wait = minutes(NOON, estimator.estimate("gpu-t4", 1, NOON));
        assertTrue(wait >= 45 && wait <= 75, "about the prior's hour, estimated " + wait);
    }

    @Test
    void afterLearningAnOldRuntimeEndsSoonerThanAYoungOne() {
        StartEstimator estimator = new StartEstimator(Duration.ofHours(1));
        for (int i = 0; i < 100; i++) {
            estimator.started("gpu-t4", NOON.minus(Duration.ofHours(2)));
            estimator.stopped("gpu-t4", NOON.minus(Duration.ofHours(2)), NOON.minus(Duration.ofMinutes(30)));
        }
        estimator.started("gpu-t4", NOON.minus(Duration.ofMinutes(60)));
        long old = minutes(NOON, estimator.estimate("gpu-t4", 1, NOON));
        assertTrue(old >= 28 && old <= 32, "90-minute runtimes, 60 minutes in: about 30 left, estimated " + old);
        estimator.started("gpu-t4", NOON);
        long second = minutes(NOON, estimator.estimate("gpu-t4", 2, NOON));
        assertTrue(second >= 88 && second <= 92, "the young one ends in about 90, estimated " + second);
    }

    @Test
    void moreWaitingThanRunningCountsRefills() {
        StartEstimator estimator = new StartEstimator(Duration.ofHours(1));
        for (int i = 0; i < 100; i++) {
            estimator.stopped("gpu-t4", NOON.minus(Duration.ofMinutes(60)), NOON);
            estimator.started("gpu-t4", NOON.minus(Duration.ofMinutes(60)));
        }
        for (int i = 0; i < 10; i++) {
            estimator.started("gpu-t4", NOON);
        }
        Instant tenth = estimator.estimate("gpu-t4", 10, NOON);
        Instant fifteenth = estimator.estimate("gpu-t4", 15, NOON);
        assertTrue(fifteenth.isAfter(tenth), tenth + " then " + fifteenth);
    }

    @Test
    void aLineManyTimesDeeperThanTheSlotsWaitsAboutItsDepthTimesTheMeanLength() {
        StartEstimator estimator = new StartEstimator(Duration.ofHours(1));
        for (int i = 0; i < 100; i++) {
            estimator.started("gpu-t4", NOON.minus(Duration.ofHours(3)));
            estimator.stopped("gpu-t4", NOON.minus(Duration.ofHours(3)), NOON.minus(Duration.ofHours(2)));
        }
        estimator.started("gpu-t4", NOON.minus(Duration.ofMinutes(30)));
        estimator.started("gpu-t4", NOON.minus(Duration.ofMinutes(10)));
        // Two slots of hour-long runtimes, 30 and 50 minutes left: the 30th in line starts after about 15 hours
        // (two slots, each freeing once an hour), not "never" or "within the horizon's two days".
        long thirtieth = minutes(NOON, estimator.estimate("gpu-t4", 30, NOON));
        assertTrue(thirtieth >= 14 * 60 && thirtieth <= 16 * 60, "about 15 hours, estimated " + thirtieth + " min");
    }
}
