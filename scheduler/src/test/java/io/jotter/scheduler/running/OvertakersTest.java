package io.jotter.scheduler.running;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OvertakersTest {
    private static final Instant NOW = Instant.parse("2026-12-07T14:00:00Z");

    @Test
    void higherTiersAndLessRecentUseOfTheSameTierPassWithinTheWindow() {
        Overtakers overtakers = new Overtakers(Duration.ofMinutes(30));
        overtakers.queued("gpu-t4", 30, 0, NOW.minus(Duration.ofHours(2))); // out of the window
        for (int minute = 30; minute >= 1; minute--) {
            Instant at = NOW.minus(Duration.ofMinutes(minute)).plusSeconds(1);
            overtakers.queued("gpu-t4", 30, 0, at); // a paying tier
            overtakers.queued("gpu-t4", 10, 1.0, at); // free, little recent use
            overtakers.queued("gpu-t4", 10, 9.0, at); // free, much recent use
            overtakers.queued("gpu-l4", 30, 0, at); // another type
        }
        assertEquals(2.0, overtakers.perMinuteAbove("gpu-t4", 10, 5.0, NOW), 1e-9, "the paying and the lighter free");
        assertEquals(0.0, overtakers.perMinuteAbove("gpu-t4", 30, 0, NOW), 1e-9, "nobody passes the top tier's lightest");
        assertEquals(0.0, overtakers.perMinuteAbove("gpu-a100", 10, 5.0, NOW), 1e-9);
    }

    @Test
    void anEstimateCountingOvertakersIsLater() {
        StartEstimator estimator = new StartEstimator(Duration.ofMinutes(60));
        for (int i = 0; i < 4; i++) {
            estimator.started("gpu-t4", NOW.minus(Duration.ofMinutes(10 * i)));
        }
        Instant plain = estimator.estimate("gpu-t4", 3, NOW);
        Instant passed = estimator.estimate("gpu-t4", 3, 0.1, NOW);
        assertTrue(passed.isAfter(plain), "a tenth of a slot a minute more to wait for moves it: " + passed);
    }
}
