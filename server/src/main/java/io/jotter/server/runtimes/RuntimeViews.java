package io.jotter.server.runtimes;

import io.jotter.server.db.SqlTimes;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.pool.catalog.RuntimeType;
import io.jotter.quota.admission.QuotaStatus;
import io.jotter.quota.ledger.Balance;
import io.jotter.quota.ledger.LedgerEntry;
import io.jotter.quota.tiers.Tier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON the runtime picker, the runtimes list and the usage page read. Durations are whole seconds. */
@ApplicationScoped
@Transactional
public class RuntimeViews {
    /** A runtime type as the picker shows it. */
    public record TypeView(String name, String displayName, String kind, int accelerators, int milliCpus,
                           long memoryMib, BigDecimal unitsPerHour, int capacity, int inUse, boolean allowed) {
    }

    /** One of the user's runtimes. */
    public record RuntimeView(String id, String runtimeType, String state, String kernelName, Instant startedAt,
                              Instant stopBy, BigDecimal unitsPerHour, BigDecimal unitsSoFar, Long reservationId) {
    }

    /** A tier's limits, as the usage page explains them. */
    public record TierView(String name, List<String> runtimeTypes, int maxConcurrent, long idleTimeoutSeconds,
                           long maxLifetimeSeconds, Long weeklyAcceleratorHours, BigDecimal monthlyComputeUnits,
                           int priority, boolean mayReserve) {
        static TierView of(Tier tier) {
            return new TierView(tier.name(), tier.runtimeTypes().stream().sorted().toList(), tier.maxConcurrent(),
                    tier.idleTimeout().toSeconds(), tier.maxLifetime().toSeconds(),
                    tier.paysInUnits() ? null : tier.weeklyAcceleratorTime().toHours(),
                    tier.paysInUnits() ? tier.monthlyComputeUnits() : null, tier.priority(), tier.mayReserve());
        }
    }

    /** {@code GET /api/jotter/usage}: nothing about quota is secret. */
    public record UsageView(String account, TierView tier, BigDecimal units, BigDecimal burnPerHour,
                            Long timeLeftSeconds, long acceleratorSecondsUsed, Long acceleratorSecondsLeft,
                            Instant renewsAt, List<Balance.Expiring> expiring, List<String> warnings,
                            List<RuntimeView> running, List<QuotaLedger.Line> ledger) {
    }

    private final RuntimeCatalog catalog;
    private final PoolTypes pool;
    private final AccountTiers tiers;
    private final QuotaLedger ledger;
    private final EntityManager entities;
    private final Clock clock;

    public RuntimeViews(RuntimeCatalog catalog, PoolTypes pool, AccountTiers tiers, QuotaLedger ledger,
                        EntityManager entities, Clock clock) {
        this.catalog = catalog;
        this.pool = pool;
        this.tiers = tiers;
        this.ledger = ledger;
        this.entities = entities;
        this.clock = clock;
    }

    /** The types this pool has, with what is free and whether the account's tier includes each. */
    public List<TypeView> types(String account) {
        Tier tier = tiers.tierOf(account);
        Map<String, Integer> capacity = pool.capacity();
        Map<String, Integer> inUse = pool.inUse();
        return catalog.all().stream().filter(type -> capacity.getOrDefault(type.name(), 0) > 0)
                .map(type -> view(type, capacity.get(type.name()), inUse.getOrDefault(type.name(), 0),
                        tier.runtimeTypes().contains(type.name()))).toList();
    }

    private static TypeView view(RuntimeType type, int capacity, int inUse, boolean allowed) {
        return new TypeView(type.name(), type.displayName(), type.kind().name().toLowerCase(java.util.Locale.ROOT),
                type.accelerators(), type.milliCpus(), type.memoryMiB(), type.computeUnitsPerHour(), capacity, inUse,
                allowed);
    }

    /** The account's runtimes that have not stopped. */
    public List<RuntimeView> running(String account) {
        return views(account, null);
    }

    /** One of the account's runtimes, if it has not stopped: not all of them, which a course's account has hundreds of. */
    public Optional<RuntimeView> running(String account, String id) {
        return views(account, id).stream().findFirst();
    }

    private List<RuntimeView> views(String account, String id) {
        Instant now = clock.instant();
        var query = entities.createNativeQuery("select id, runtime_type, state, kernel_name, started_at, "
                + "stop_by, units_per_hour, metered_from, reservation_id from runtimes where owner = ?1 "
                + "and state <> 'stopped'" + (id == null ? "" : " and id = ?2") + " order by started_at")
                .setParameter(1, account);
        if (id != null) {
            query.setParameter(2, id);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> {
            BigDecimal rate = (BigDecimal) row[6];
            Duration ran = Duration.between(SqlTimes.instant(row[7]), now);
            return new RuntimeView((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                    SqlTimes.instant(row[4]), SqlTimes.instant(row[5]), rate,
                    LedgerEntry.cost(rate, ran.isNegative() ? Duration.ZERO : ran),
                    row[8] == null ? null : ((Number) row[8]).longValue());
        }).toList();
    }

    public UsageView usage(String account) {
        Tier tier = tiers.tierOf(account);
        Instant now = clock.instant();
        ledger.grantMonthly(account, tier, now);
        QuotaStatus status = ledger.status(account, tier, now);
        return new UsageView(account, TierView.of(tier), status.units(), status.burnPerHour(),
                seconds(status.timeLeft()), status.acceleratorTimeUsed().toSeconds(),
                seconds(status.acceleratorTimeLeft()), status.renewsAt(), status.expiring(), status.warnings(),
                running(account), ledger.lines(account, 100));
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }
}
