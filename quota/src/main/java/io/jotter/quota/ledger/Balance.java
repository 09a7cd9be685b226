package io.jotter.quota.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a user's ledger adds up to at one instant.
 *
 * @param units units usable now; negative when use outran them (a runtime that ran past its last unit)
 * @param expired units that expired unspent, in total
 * @param expiring units still usable that will expire, soonest first
 */
public record Balance(BigDecimal units, BigDecimal expired, List<Expiring> expiring) {
    /** Units that stop being usable at {@code at} unless spent first. */
    public record Expiring(BigDecimal units, Instant at) {
    }

    private static final Comparator<Credit> SPEND_ORDER = Comparator.comparing(
            (Credit credit) -> credit.expiresAt, Comparator.nullsLast(Comparator.naturalOrder()));

    /**
     * Folds entries in time order: spending draws on the units that expire first; units expire unspent at their
     * time; use beyond every unit is a debt that the next units pay first.
     */
    public static Balance of(List<LedgerEntry> entries, Instant now) {
        List<LedgerEntry> ordered = entries.stream().filter(entry -> !entry.at().isAfter(now))
                .sorted(Comparator.comparing(LedgerEntry::at)).toList();
        List<Credit> credits = new ArrayList<>();
        BigDecimal debt = BigDecimal.ZERO;
        BigDecimal expired = BigDecimal.ZERO;
        for (LedgerEntry entry : ordered) {
            expired = expired.add(expire(credits, entry.at()));
            BigDecimal amount = entry.computeUnits();
            if (amount.signum() > 0) {
                BigDecimal paid = amount.min(debt);
                debt = debt.subtract(paid);
                if (amount.compareTo(paid) > 0) {
                    credits.add(new Credit(amount.subtract(paid), entry.expiresAt()));
                    credits.sort(SPEND_ORDER);
                }
            } else if (amount.signum() < 0) {
                debt = debt.add(spend(credits, amount.negate()));
            }
        }
        expired = expired.add(expire(credits, now));
        BigDecimal units = credits.stream().map(credit -> credit.units).reduce(BigDecimal.ZERO, BigDecimal::add)
                .subtract(debt);
        List<Expiring> expiring = credits.stream().filter(credit -> credit.expiresAt != null)
                .map(credit -> new Expiring(credit.units, credit.expiresAt)).toList();
        return new Balance(units, expired, expiring);
    }

    /** Accelerator time used from {@code since} (the week's start) up to {@code now}, by metered entries. */
    public static Duration acceleratorTimeSince(List<LedgerEntry> entries, Instant since, Instant now) {
        return entries.stream().filter(entry -> !entry.at().isBefore(since) && !entry.at().isAfter(now))
                .map(LedgerEntry::acceleratorTime).reduce(Duration.ZERO, Duration::plus);
    }

    /** Spends from the credits in order; returns what they could not cover. */
    private static BigDecimal spend(List<Credit> credits, BigDecimal amount) {
        BigDecimal left = amount;
        for (Credit credit : credits) {
            BigDecimal take = credit.units.min(left);
            credit.units = credit.units.subtract(take);
            left = left.subtract(take);
            if (left.signum() == 0) {
                break;
            }
        }
        credits.removeIf(credit -> credit.units.signum() == 0);
        return left;
    }

    /** Drops credits expired at {@code at}; returns their unspent total. */
    private static BigDecimal expire(List<Credit> credits, Instant at) {
        BigDecimal expired = BigDecimal.ZERO;
        for (var it = credits.iterator(); it.hasNext(); ) {
            Credit credit = it.next();
            if (credit.expiresAt != null && !credit.expiresAt.isAfter(at)) {
                expired = expired.add(credit.units);
                it.remove();
            }
        }
        return expired;
    }

    private static final class Credit {
        BigDecimal units;
        final Instant expiresAt;

        Credit(BigDecimal units, Instant expiresAt) {
            this.units = units;
            this.expiresAt = expiresAt;
        }
    }
}
