package io.jotter.quota.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jotter.quota.ledger.Balance;
import io.jotter.quota.tiers.Tiers;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotaStatusTest {
    private static final Instant NOW = Instant.parse("2026-12-02T15:30:00Z");

    @Test
    void paidStatusShowsBurnTimeLeftAndWarnsBeforeUnitsRunOutOrExpire() {
        Balance balance = new Balance(new BigDecimal("3"), BigDecimal.ZERO,
                List.of(new Balance.Expiring(new BigDecimal("3"), NOW.plus(Duration.ofDays(3)))));
        Usage usage = new Usage(1, new BigDecimal("2"), new BigDecimal("12"), Duration.ZERO, 1);
        QuotaStatus status = QuotaStatus.of(Tiers.defaults().find(Tiers.PRO).orElseThrow(), balance, usage, NOW);
        assertEquals(Duration.ofMinutes(10), status.timeLeft());
        assertEquals(List.of("At this rate your compute units run out in 10 min; your runtimes will then stop, after "
                + "their notebooks are saved.", "3.00 compute units expire unspent at 2026-12-05T15:30:00Z."),
                status.warnings());
        assertNull(status.renewsAt());
    }

    @Test
    void freeStatusShowsHoursLeftAndWhenTheyRenew() {
        Usage usage = new Usage(1, BigDecimal.ZERO, BigDecimal.ZERO, Duration.ofHours(12), 1);
        QuotaStatus status = QuotaStatus.of(Tiers.defaults().free(), new Balance(BigDecimal.ZERO, BigDecimal.ZERO, List.of()),
                usage, NOW);
        assertEquals(Duration.ofHours(18), status.acceleratorTimeLeft());
        assertEquals(Duration.ofHours(18), status.timeLeft());
        assertEquals(Instant.parse("2026-12-07T00:00:00Z"), status.renewsAt());
        assertEquals(List.of(), status.warnings());
    }
}
