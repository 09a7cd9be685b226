package io.jotter.server.runtimes;

import io.jotter.quota.admission.QuotaStatus;
import io.jotter.quota.admission.Usage;
import io.jotter.quota.ledger.Balance;
import io.jotter.quota.ledger.EntryKind;
import io.jotter.quota.ledger.LedgerEntry;
import io.jotter.quota.tiers.Tier;
import io.jotter.server.db.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The {@code usage_ledger} and {@code quota_accounts} tables. Every change is an insert (the table refuses
 * anything else); what a user has left is a fold over their entries ({@link Balance}), less what their running
 * runtimes have used so far.
 */
@ApplicationScoped
@Transactional
public class QuotaLedger {
    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A runtime that has not stopped, as metering sees it. */
    record LiveRuntime(String id, String runtimeType, BigDecimal unitsPerHour, boolean accelerated, Instant meteredFrom) {
    }

    /** A ledger line as the usage page lists it. */
    public record Line(long id, String kind, Instant at, BigDecimal computeUnits, long acceleratorSeconds,
                       Instant expiresAt, String runtimeId, String runtimeType, String reason, String actor) {
    }

    private final EntityManager entities;

    public QuotaLedger(EntityManager entities) {
        this.entities = entities;
    }

    /**
     * Locks the account for the rest of the transaction, so its requests are decided one after another.
     *
     * @return the tier an admin set, or {@code null} for the default
     */
    String lock(String account) {
        entities.createNativeQuery("insert into quota_accounts (account) values (?1) on conflict do nothing")
                .setParameter(1, account).executeUpdate();
        return (String) entities.createNativeQuery("select tier from quota_accounts where account = ?1 for update")
                .setParameter(1, account).getSingleResult();
    }

    /** The tier an admin set for the account, or {@code null}. */
    String assignedTier(String account) {
        List<?> rows = entities.createNativeQuery("select tier from quota_accounts where account = ?1")
                .setParameter(1, account).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /** Places an account in a tier ({@code null}: back to the default), saying who and why. */
    void assignTier(String account, String tier, String admin, String reason, Instant now) {
        lock(account);
        entities.createNativeQuery("update quota_accounts set tier = ?2, tier_set_by = ?3, tier_reason = ?4, "
                        + "tier_set_at = ?5 where account = ?1")
                .setParameter(1, account).setParameter(2, tier).setParameter(3, admin).setParameter(4, reason)
                .setParameter(5, SqlTimes.at(now)).executeUpdate();
    }

    /** A paid tier's units for the month that holds {@code now}: written once, whoever asks first. */
    void grantMonthly(String account, Tier tier, Instant now) {
        if (!tier.paysInUnits()) {
            return;
        }
        entities.createNativeQuery("insert into usage_ledger (account, kind, at, compute_units, expires_at, period, "
                        + "reason, actor) values (?1, 'grant', ?2, ?3, ?4, ?5, ?6, 'jotter') on conflict do nothing")
                .setParameter(1, account).setParameter(2, SqlTimes.at(now)).setParameter(3, tier.monthlyComputeUnits())
                .setParameter(4, SqlTimes.at(now.plus(tier.unitsExpireAfter()))).setParameter(5, PERIOD.format(now))
                .setParameter(6, "the " + tier.name() + " tier's compute units for " + PERIOD.format(now))
                .executeUpdate();
    }

    List<LedgerEntry> entries(String account) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("select kind, at, compute_units, accelerator_ms, expires_at "
                + "from usage_ledger where account = ?1 order by at, id").setParameter(1, account).getResultList();
        return rows.stream().map(row -> new LedgerEntry(EntryKind.valueOf(((String) row[0]).toUpperCase(Locale.ROOT)),
                SqlTimes.instant(row[1]), (BigDecimal) row[2], Duration.ofMillis(((Number) row[3]).longValue()),
                SqlTimes.instant(row[4]))).toList();
    }

    List<LiveRuntime> live(String account) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("select id, runtime_type, units_per_hour, accelerated, "
                + "metered_from from runtimes where owner = ?1 and state <> 'stopped'").setParameter(1, account)
                .getResultList();
        return rows.stream().map(row -> new LiveRuntime((String) row[0], (String) row[1], (BigDecimal) row[2],
                (Boolean) row[3], SqlTimes.instant(row[4]))).toList();
    }

    /** The account's usage now: the ledger's balance and this week's accelerator time, running runtimes included. */
    Usage usage(String account, Instant now) {
        List<LedgerEntry> entries = entries(account);
        return usage(Balance.of(entries, now), entries, live(account), now);
    }

    /** What the usage page shows for the account in its tier. */
    QuotaStatus status(String account, Tier tier, Instant now) {
        List<LedgerEntry> entries = entries(account);
        Balance balance = Balance.of(entries, now);
        return QuotaStatus.of(tier, balance, usage(balance, entries, live(account), now), now);
    }

    static Usage usage(Balance balance, List<LedgerEntry> entries, List<LiveRuntime> live, Instant now) {
        Instant weekStart = Tier.weekStart(now);
        BigDecimal units = balance.units();
        BigDecimal burn = BigDecimal.ZERO;
        Duration accelerator = Balance.acceleratorTimeSince(entries, weekStart, now);
        int accelerated = 0;
        for (LiveRuntime runtime : live) {
            Duration ran = Duration.between(runtime.meteredFrom(), now);
            units = units.subtract(LedgerEntry.cost(runtime.unitsPerHour(), ran.isNegative() ? Duration.ZERO : ran));
            burn = burn.add(runtime.unitsPerHour());
            if (runtime.accelerated()) {
                accelerated++;
                Instant from = runtime.meteredFrom().isBefore(weekStart) ? weekStart : runtime.meteredFrom();
                Duration thisWeek = Duration.between(from, now);
                accelerator = accelerator.plus(thisWeek.isNegative() ? Duration.ZERO : thisWeek);
            }
        }
        return new Usage(live.size(), units, burn, accelerator, accelerated);
    }

    /**
     * Closes a runtime's metering: marks it stopped and writes what it used, in one statement, so a runtime is
     * metered exactly once however many paths stop it.
     *
     * @return whether this call closed it (false: it was already stopped, or never recorded)
     */
    boolean close(String runtimeId, String reason, Instant now) {
        return entities.createNativeQuery("""
                        with closed as (
                            update runtimes set state = 'stopped', stopped_at = ?2, stop_reason = ?3
                            where id = ?1 and state <> 'stopped'
                            returning owner, runtime_type, units_per_hour, accelerated,
                                      greatest(0, floor(extract(epoch from (?2 - metered_from)) * 1000))::bigint as ms)
                        insert into usage_ledger (account, kind, at, compute_units, accelerator_ms, runtime_id,
                                                  runtime_type, reason, actor)
                        select owner, 'meter', ?2, -(ceil(units_per_hour * ms / 360.0) / 10000),
                               case when accelerated then ms else 0 end, ?1, runtime_type, ?3, 'jotter'
                        from closed""")
                .setParameter(1, runtimeId).setParameter(2, SqlTimes.at(now)).setParameter(3, reason).executeUpdate() > 0;
    }

    /** Gives back everything a runtime was metered, once: it was lost through Jotter's fault. */
    void refund(String runtimeId, String reason, Instant now) {
        entities.createNativeQuery("""
                        insert into usage_ledger (account, kind, at, compute_units, accelerator_ms, runtime_id,
                                                  runtime_type, reason, actor)
                        select account, 'refund', ?2, -compute_units, -accelerator_ms, runtime_id, runtime_type, ?3,
                               'jotter'
                        from usage_ledger where kind = 'meter' and runtime_id = ?1
                        on conflict do nothing""")
                .setParameter(1, runtimeId).setParameter(2, SqlTimes.at(now)).setParameter(3, reason).executeUpdate();
    }

    /** An admin's grant, refund or adjustment. */
    long write(String account, EntryKind kind, BigDecimal units, Duration acceleratorTime, Instant expiresAt,
               String reason, String actor, Instant now) {
        return ((Number) entities.createNativeQuery("insert into usage_ledger (account, kind, at, compute_units, "
                        + "accelerator_ms, expires_at, reason, actor) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) returning id")
                .setParameter(1, account).setParameter(2, kind.wire()).setParameter(3, SqlTimes.at(now)).setParameter(4, units)
                .setParameter(5, acceleratorTime.toMillis()).setParameter(6, SqlTimes.at(expiresAt)).setParameter(7, reason)
                .setParameter(8, actor).getSingleResult()).longValue();
    }

    /** The account's latest ledger lines, newest first. */
    List<Line> lines(String account, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("select id, kind, at, compute_units, accelerator_ms, "
                        + "expires_at, runtime_id, runtime_type, reason, actor from usage_ledger where account = ?1 "
                        + "order by at desc, id desc limit ?2")
                .setParameter(1, account).setParameter(2, limit).getResultList();
        return rows.stream().map(row -> new Line(((Number) row[0]).longValue(), (String) row[1], SqlTimes.instant(row[2]),
                (BigDecimal) row[3], ((Number) row[4]).longValue() / 1000, SqlTimes.instant(row[5]), (String) row[6],
                (String) row[7], (String) row[8], (String) row[9])).toList();
    }
}
