package io.jotter.server.runtimes;

import io.jotter.server.db.SqlTimes;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.pool.catalog.RuntimeType;
import io.jotter.pool.reservations.ReservationRules;
import io.jotter.quota.admission.Admission;
import io.jotter.quota.admission.AdmissionPolicy;
import io.jotter.quota.admission.RuntimeAsk;
import io.jotter.quota.admission.Usage;
import io.jotter.quota.tiers.Tier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Admission in one transaction: lock the account, decide quota on its usage, lock the runtime type, count what
 * runs and what reservations hold back, and record the runtime as {@code starting}, holding its place. Every
 * decision reads PostgreSQL under those two locks (account, then type: always in that order), so concurrent
 * requests, from one server or several, can exceed neither capacity nor quota.
 */
@ApplicationScoped
public class RuntimeAdmissions {
    /** The outcome when quota allows it but the pool is full. */
    public record Full(RuntimeType type, int inUse, int heldBack, int capacity) {
    }

    private final QuotaLedger ledger;
    private final PoolTypes pool;
    private final ReservationStore reservations;
    private final AdmissionPolicy policy;
    private final ReservationRules rules;
    private final AccountTiers tiers;
    private final RuntimeCatalog catalog;
    private final EntityManager entities;

    public RuntimeAdmissions(QuotaLedger ledger, PoolTypes pool, ReservationStore reservations, AdmissionPolicy policy,
                             ReservationRules rules, AccountTiers tiers, RuntimeCatalog catalog, EntityManager entities) {
        this.ledger = ledger;
        this.pool = pool;
        this.reservations = reservations;
        this.policy = policy;
        this.rules = rules;
        this.tiers = tiers;
        this.catalog = catalog;
        this.entities = entities;
    }

    /**
     * Admits a runtime, or says why not.
     *
     * @param reservationId the reservation to run under, or {@code null}
     * @return {@link Admitted} or {@link Full}
     * @throws RuntimeRefusedException when tier or quota says no, or the reservation is not the caller's to use
     */
    @Transactional
    public Object admit(String account, String runtimeId, String kernelName, String typeName, Long reservationId,
                        Instant now) {
        RuntimeType type = catalog.get(typeName);
        Tier tier = tiers.tierOf(account, ledger.lock(account));
        ledger.grantMonthly(account, tier, now);
        Usage usage = ledger.usage(account, now);
        Admission admission = policy.decide(tier, new RuntimeAsk(type.name(), type.isAccelerated(),
                type.computeUnitsPerHour()), usage, now);
        if (admission instanceof Admission.Refused refused) {
            throw new RuntimeRefusedException(refused.reason() == Admission.Reason.QUOTA
                    ? Response.Status.TOO_MANY_REQUESTS : Response.Status.FORBIDDEN,
                    refused.reason().name().toLowerCase(java.util.Locale.ROOT), refused.message(), refused.remedy(),
                    refused.retryAt());
        }
        Admission.Admitted admitted = (Admission.Admitted) admission;
        int capacity = pool.lock(type.name());
        int inUse = pool.inUse(type.name());
        List<ReservationStore.Booked> active = reservations.active(type.name(), now);
        ReservationStore.Booked claim = reservationId == null ? null : claimable(account, reservationId, type, active);
        int held = rules.heldBack(active.stream().map(ReservationStore.Booked::reservation).toList(),
                id -> active.stream().filter(b -> b.reservation().id().equals(id)).findFirst()
                        .map(ReservationStore.Booked::claimed).orElse(0), now);
        // A claim uses one of the runtimes its own reservation holds back (none once its grace is over).
        int ownHeld = claim == null ? 0 : rules.heldBack(List.of(claim.reservation()), id -> claim.claimed(), now);
        int heldForOthers = ownHeld > 0 ? held - 1 : held;
        if (inUse + heldForOthers >= capacity) {
            return new Full(type, inUse, held, capacity);
        }
        // Quota is enforced as it is spent (QuotaEnforcer): another runtime started later burns the same units.
        Instant stopBy = now.plus(tier.maxLifetime());
        // Free tiers count accelerator time, not units: their runtimes meter no units, so no debt follows a
        // user who moves to a paid tier.
        BigDecimal rate = tier.paysInUnits() ? type.computeUnitsPerHour() : BigDecimal.ZERO;
        entities.createNativeQuery("insert into runtimes (id, owner, kernel_name, backend_ref, state, started_at, "
                        + "runtime_type, units_per_hour, accelerated, metered_from, stop_by, reservation_id) "
                        + "values (?1, ?2, ?3, '', 'starting', ?4, ?5, ?6, ?7, ?4, ?8, ?9)")
                .setParameter(1, runtimeId).setParameter(2, account).setParameter(3, kernelName)
                .setParameter(4, SqlTimes.at(now)).setParameter(5, type.name())
                .setParameter(6, rate).setParameter(7, type.isAccelerated())
                .setParameter(8, SqlTimes.at(stopBy)).setParameter(9, reservationId).executeUpdate();
        return new Admitted(runtimeId, tier, type, stopBy, admitted.quotaLimited(), null);
    }

    /** A runtime as its row says, for a replica that did not admit it (it adopted the kernel). */
    public record Placed(String owner, String runtimeType, Instant stopBy, Integer gpu) {
    }

    /** The runtime holds a local GPU: written so that a replica adopting it keeps the device. */
    @Transactional
    public void recordGpu(String runtimeId, int gpu) {
        entities.createNativeQuery("update runtimes set gpu = ?2 where id = ?1")
                .setParameter(1, runtimeId).setParameter(2, gpu).executeUpdate();
    }

    /** The placement of a runtime that has not stopped, whichever replica admitted it. */
    @Transactional
    public Optional<Placed> placed(String runtimeId) {
        List<?> rows = entities.createNativeQuery("select owner, runtime_type, stop_by, gpu from runtimes "
                + "where id = ?1 and state <> 'stopped'").setParameter(1, runtimeId).getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] r = (Object[]) row;
            return new Placed((String) r[0], (String) r[1], SqlTimes.instant(r[2]),
                    r[3] == null ? null : ((Number) r[3]).intValue());
        });
    }

    private ReservationStore.Booked claimable(String account, long reservationId, RuntimeType type,
                                              List<ReservationStore.Booked> active) {
        ReservationStore.Booked booked = active.stream()
                .filter(b -> b.reservation().id().equals(Long.toString(reservationId))).findFirst().orElse(null);
        if (booked == null || !tiers.mayUse(account, booked.reservation().holder())) {
            throw new RuntimeRefusedException(Response.Status.FORBIDDEN, "reservation",
                    "Reservation " + reservationId + " is not yours to use for " + type.name() + " now.",
                    "Reservations are used during their window, for their runtime type, by their holder or the "
                            + "holding course's members.", null);
        }
        if (booked.claimed() >= booked.reservation().count()) {
            throw new RuntimeRefusedException(Response.Status.CONFLICT, "reservation",
                    "All " + booked.reservation().count() + " runtimes of reservation " + reservationId
                            + " are in use.", "Stop one of them, or start a runtime without the reservation.", null);
        }
        return booked;
    }
}
