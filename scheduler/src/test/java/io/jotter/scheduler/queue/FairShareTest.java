package io.jotter.scheduler.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FairShareTest {
    private static final Instant NOON = Instant.parse("2025-03-03T12:00:00Z");

    @Test
    void useHalvesEveryHalfLife() {
        FairShare share = new FairShare(Duration.ofHours(6));
        share.charge("ada", Duration.ofHours(4), NOON);
        assertEquals(4 * 3600, share.seconds("ada", NOON), 1e-6);
        assertEquals(2 * 3600, share.seconds("ada", NOON.plus(Duration.ofHours(6))), 1e-6);
        share.charge("ada", Duration.ofHours(2), NOON.plus(Duration.ofHours(6)));
        assertEquals(4 * 3600, share.seconds("ada", NOON.plus(Duration.ofHours(6))), 1e-6);
    }

    @Test
    void oldHeavyUseWeighsLessThanFreshLightUse() {
        FairShare share = new FairShare(Duration.ofHours(6));
        share.charge("old", Duration.ofHours(8), NOON.minus(Duration.ofHours(24)));
        share.charge("fresh", Duration.ofHours(1), NOON);
        assertTrue(share.recentUse("old") < share.recentUse("fresh"));
        assertTrue(share.recentUse("nobody") < share.recentUse("old"));
    }
}
