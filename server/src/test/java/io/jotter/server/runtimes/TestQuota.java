package io.jotter.server.runtimes;

import io.jotter.quota.ledger.EntryKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** Quota set-up for tests in other packages: tiers and ledger lines, as an admin would write them. */
@ApplicationScoped
public class TestQuota {
    private final QuotaLedger ledger;
    private final PoolTypes pool;
    private final LocalPool localPool;

    public TestQuota(QuotaLedger ledger, PoolTypes pool, LocalPool localPool) {
        this.ledger = ledger;
        this.pool = pool;
        this.localPool = localPool;
    }

    public void tier(String account, String tier) {
        ledger.assignTier(account, tier, "test", "test", Instant.now());
    }

    /** A ledger line; {@code acceleratorTimeUsed} counts as use (positive) or as hours given back (negative). */
    public void write(String account, EntryKind kind, BigDecimal units, Duration acceleratorTimeUsed) {
        ledger.write(account, kind, units, acceleratorTimeUsed, null, "test", "test", Instant.now());
    }

    /** Back to the default tier and this machine's capacity. */
    public void reset(String account) {
        ledger.assignTier(account, null, "test", "test over", Instant.now());
        pool.set(localPool.capacity());
    }
}
