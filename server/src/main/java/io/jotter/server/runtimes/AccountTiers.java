package io.jotter.server.runtimes;

import io.jotter.quota.tiers.Tier;
import io.jotter.quota.tiers.Tiers;
import io.jotter.server.identity.AuthMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Which tier applies to an account: the one an admin set, or the default; a course's students get the course
 * tier when it ranks above their own.
 */
@ApplicationScoped
@Transactional
public class AccountTiers {
    private final Tiers tiers;
    private final QuotaConfig config;
    private final EntityManager entities;
    private final QuotaLedger ledger;
    private final AuthMode mode;

    public AccountTiers(Tiers tiers, QuotaConfig config, EntityManager entities, QuotaLedger ledger, AuthMode mode) {
        this.mode = mode;
        this.ledger = ledger;
        this.tiers = tiers;
        this.config = config;
        this.entities = entities;
    }

    /** @param assigned the tier an admin set, or {@code null}: the default (single-user: the machine's owner's) */
    Tier tierOf(String account, String assigned) {
        if (!mode.accounts() && assigned == null) {
            return tiers.getOrFree(config.singleUserTier());
        }
        Tier own = tiers.getOrFree(assigned != null ? assigned : config.defaultTier());
        Tier course = tiers.find(Tiers.COURSE).orElse(null);
        if (course != null && course.priority() > own.priority() && !courses(account).isEmpty()) {
            return course;
        }
        return own;
    }

    public Tier tierOf(String account) {
        return tierOf(account, ledger.assignedTier(account));
    }

    /** The courses the account belongs to, as reservation holders name them ({@code course:<id>}). */
    List<String> courses(String account) {
        @SuppressWarnings("unchecked")
        List<Number> ids = entities.createNativeQuery("select course_id from course_members where username = ?1")
                .setParameter(1, account).getResultList();
        return ids.stream().map(id -> "course:" + id.longValue()).toList();
    }

    /** Every holder whose reservations the account may use: itself and its courses. */
    List<String> holders(String account) {
        List<String> holders = new ArrayList<>(courses(account));
        holders.add(0, account);
        return holders;
    }

    boolean mayUse(String account, String holder) {
        return holders(account).contains(holder);
    }
}
