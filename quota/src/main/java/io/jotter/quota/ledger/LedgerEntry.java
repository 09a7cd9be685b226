package io.jotter.quota.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a user's usage ledger.
 *
 * @param kind why it exists
 * @param at when it took effect (a metered runtime's stop)
 * @param computeUnits signed: positive adds units (grant, refund), negative spends them (metering)
 * @param acceleratorTime accelerator time used, signed: a metered accelerator runtime adds its duration, a
 *     refund of it subtracts; zero for CPU runtimes and units-only entries
 * @param expiresAt when the units of a positive entry stop being usable; {@code null}: never
 */
public record LedgerEntry(EntryKind kind, Instant at, BigDecimal computeUnits, Duration acceleratorTime,
                          Instant expiresAt) {
    public LedgerEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        computeUnits = computeUnits == null ? BigDecimal.ZERO : computeUnits;
        acceleratorTime = acceleratorTime == null ? Duration.ZERO : acceleratorTime;
    }

    /** What a runtime of this rate costs for this long, in units to four places (the ledger's precision), rounded up. */
    public static BigDecimal cost(BigDecimal unitsPerHour, Duration duration) {
        return unitsPerHour.multiply(BigDecimal.valueOf(duration.toMillis()))
                .divide(BigDecimal.valueOf(Duration.ofHours(1).toMillis()), 4, java.math.RoundingMode.CEILING);
    }
}
