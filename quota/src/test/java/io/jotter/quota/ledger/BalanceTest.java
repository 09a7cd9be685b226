package io.jotter.quota.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalanceTest {
    private static final Instant DEC_1 = Instant.parse("2026-12-01T00:00:00Z");

    private static LedgerEntry grant(String units, Instant at, Instant expires) {
        return new LedgerEntry(EntryKind.GRANT, at, new BigDecimal(units), null, expires);
    }

    private static LedgerEntry meter(String units, Instant at, Duration accelerator) {
        return new LedgerEntry(EntryKind.METER, at, new BigDecimal(units).negate(), accelerator, null);
    }

    @Test
    void spendingDrawsOnTheUnitsThatExpireFirst() {
        Instant later = DEC_1.plus(Duration.ofDays(30));
        List<LedgerEntry> ledger = List.of(
                grant("100", DEC_1, DEC_1.plus(Duration.ofDays(90))),
                grant("100", later, later.plus(Duration.ofDays(90))),
                meter("150", later.plus(Duration.ofDays(1)), Duration.ofHours(10)));
        Balance balance = Balance.of(ledger, later.plus(Duration.ofDays(2)));
        assertEquals(new BigDecimal("50"), balance.units());
        assertEquals(1, balance.expiring().size());
        assertEquals(later.plus(Duration.ofDays(90)), balance.expiring().get(0).at());
    }

    @Test
    void unitsExpireUnspentAndUseBeyondTheLastUnitIsPaidByTheNextGrant() {
        List<LedgerEntry> ledger = List.of(
                grant("10", DEC_1, DEC_1.plus(Duration.ofDays(1))),
                meter("4", DEC_1.plus(Duration.ofHours(1)), Duration.ZERO),
                meter("3", DEC_1.plus(Duration.ofDays(2)), Duration.ZERO),
                grant("5", DEC_1.plus(Duration.ofDays(3)), null));
        assertEquals(new BigDecimal("-3"), Balance.of(ledger, DEC_1.plus(Duration.ofDays(2).plusHours(1))).units());
        Balance end = Balance.of(ledger, DEC_1.plus(Duration.ofDays(4)));
        assertEquals(new BigDecimal("2"), end.units());
        assertEquals(new BigDecimal("6"), end.expired());
    }

    @Test
    void entriesAfterNowDoNotCountAndAcceleratorTimeCountsFromTheWeeksStart() {
        Instant monday = Instant.parse("2026-11-30T00:00:00Z");
        List<LedgerEntry> ledger = List.of(
                meter("0", monday.minusSeconds(1), Duration.ofHours(5)),
                meter("0", monday.plus(Duration.ofHours(3)), Duration.ofHours(2)),
                new LedgerEntry(EntryKind.REFUND, monday.plus(Duration.ofHours(4)), BigDecimal.ZERO, Duration.ofHours(-1), null),
                grant("7", monday.plus(Duration.ofDays(2)), null));
        Instant now = monday.plus(Duration.ofDays(1));
        assertEquals(Duration.ofHours(1), Balance.acceleratorTimeSince(ledger, monday, now));
        assertEquals(BigDecimal.ZERO, Balance.of(ledger, now).units());
    }

    @Test
    void costIsRateTimesTimeRoundedUpToTheLedgersPrecision() {
        assertEquals(new BigDecimal("1.7600"), LedgerEntry.cost(new BigDecimal("1.76"), Duration.ofHours(1)));
        assertEquals(new BigDecimal("0.0005"), LedgerEntry.cost(new BigDecimal("1.76"), Duration.ofSeconds(1)));
        assertEquals(new BigDecimal("0.0000"), LedgerEntry.cost(new BigDecimal("1.76"), Duration.ZERO));
    }
}
