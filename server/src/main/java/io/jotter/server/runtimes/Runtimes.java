package io.jotter.server.runtimes;

import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.quota.admission.QuotaStatus;
import io.jotter.quota.tiers.Tier;
import io.jotter.scheduler.runtime.RuntimeRequest;
import io.jotter.server.kernels.KernelsConfig;
import io.jotter.server.kernels.RuntimeTerms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * What the kernel registry asks of runtimes: admission before a kernel starts, its environment and terms,
 * and closing its metering when it stops.
 */
@ApplicationScoped
public class Runtimes {
    private static final Logger LOG = Logger.getLogger(Runtimes.class);
    private final RuntimeAdmissions admissions;
    private final QuotaLedger ledger;
    private final LocalPool pool;
    private final PoolConfig config;
    private final Clock clock;
    private final AccountTiers tiers;
    private final KernelsConfig kernels;
    private final RuntimeCatalog catalog;
    private final Map<String, Admitted> admitted = new ConcurrentHashMap<>();

    public Runtimes(RuntimeAdmissions admissions, QuotaLedger ledger, LocalPool pool, PoolConfig config, Clock clock,
                    AccountTiers tiers, KernelsConfig kernels, RuntimeCatalog catalog) {
        this.kernels = kernels;
        this.catalog = catalog;
        this.tiers = tiers;
        this.admissions = admissions;
        this.ledger = ledger;
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    /** The runtime type of a kernel started without one. */
    public String defaultType() {
        return config.defaultType();
    }

    /**
     * Admits the runtime and gives it its device, or says why not.
     *
     * @throws RuntimeRefusedException for tier, quota, a reservation not the caller's, or a full pool
     */
    public Admitted admit(String owner, String runtimeId, String kernelName, String type, Long reservationId) {
        Object outcome = admissions.admit(owner, runtimeId, kernelName, type, reservationId, clock.instant());
        if (outcome instanceof RuntimeAdmissions.Full full) {
            throw full(full);
        }
        Admitted granted = (Admitted) outcome;
        // A warm kernel of a GPU type already holds its device, under the same id.
        Integer gpu = granted.type().isAccelerated() ? pool.heldBy(runtimeId)
                .or(() -> pool.takeGpu(granted.type().name(), runtimeId)).orElse(null) : null;
        Admitted withDevice = new Admitted(granted.runtimeId(), granted.tier(), granted.type(), granted.stopBy(),
                granted.quotaLimited(), gpu);
        if (gpu != null) {
            admissions.recordGpu(runtimeId, gpu);
        }
        admitted.put(runtimeId, withDevice);
        return withDevice;
    }

    static RuntimeRefusedException full(RuntimeAdmissions.Full full) {
        String held = full.heldBack() > 0 ? " (" + full.heldBack() + " of them held for reservations)" : "";
        return new RuntimeRefusedException(Response.Status.SERVICE_UNAVAILABLE, "capacity",
                full.capacity() == 0 ? "This server has no " + full.type().name() + " runtimes."
                        : "All " + full.capacity() + " " + full.type().name() + " runtimes are in use" + held + ".",
                full.capacity() == 0 ? "Choose another runtime type."
                        : "Ask through Runtime → Change runtime type to wait in the queue, or choose another type.",
                null);
    }

    /**
     * What the kernel process gets: its runtime type, its accelerator ({@code JOTTER_ACCELERATOR}: a GPU type's
     * kernel loads TensorFlow's GPU build and refuses to start without a GPU, unless the type is one of
     * {@link PoolConfig#cpuStandIns}), and only its own GPU
     * ({@code CUDA_VISIBLE_DEVICES} empty hides every GPU from a CPU runtime).
     */
    public Map<String, String> environment(Admitted runtime) {
        return environment(runtime.type().name(), runtime.gpu());
    }

    private Map<String, String> environment(String type, Integer gpu) {
        String accelerator = config.cpuStandIns().orElse(Set.of()).contains(type) ? "cpu"
                : catalog.find(type).map(t -> t.kind().name().toLowerCase(Locale.ROOT)).orElse("cpu");
        return Map.of("JOTTER_RUNTIME_TYPE", type, "JOTTER_ACCELERATOR", accelerator,
                "CUDA_VISIBLE_DEVICES", gpu == null ? "" : gpu.toString());
    }

    /** Warm kernels to keep per type: the configured ones, and the default type's {@code defaultTypeCount}. */
    public Map<String, Integer> warmCounts(int defaultTypeCount) {
        Map<String, Integer> counts = new HashMap<>(config.warm());
        counts.putIfAbsent(config.defaultType(), defaultTypeCount);
        counts.values().removeIf(count -> count <= 0);
        return counts;
    }

    /** A warm kernel's environment: its type's, with a device of its own for a GPU type (when one is free). */
    public Map<String, String> warmEnvironment(String type, String runtimeId) {
        return environment(type, pool.takeGpu(type, runtimeId).orElse(null));
    }

    /** A warm kernel stopped unused: its device is free again. */
    public void releaseDevice(String runtimeId) {
        pool.releaseGpu(runtimeId);
    }

    /** The environment of a runtime admitted earlier, here or by another replica (a restart keeps its device). */
    public Map<String, String> environment(String runtimeId) {
        Admitted runtime = admitted(runtimeId);
        return runtime == null ? Map.of() : environment(runtime);
    }

    /**
     * A kernel another replica admitted is this replica's now (adopted, or restarted from here): its type, and the
     * GPU it holds on this machine, are taken from its row, so that no other runtime is given that GPU and a
     * restart keeps it.
     */
    public void adopted(String runtimeId) {
        admitted(runtimeId);
    }

    private Admitted admitted(String runtimeId) {
        Admitted known = admitted.get(runtimeId);
        if (known != null) {
            return known;
        }
        Admitted placed = admissions.placed(runtimeId).flatMap(row -> catalog.find(row.runtimeType()).map(type ->
                new Admitted(runtimeId, tiers.tierOf(row.owner()), type, row.stopBy(), false, row.gpu()))).orElse(null);
        if (placed == null) {
            return null;
        }
        if (placed.gpu() != null && !pool.holdGpu(placed.gpu(), runtimeId)) {
            LOG.warnf("runtime %s holds GPU %d, which this machine does not have or another runtime holds", runtimeId,
                    placed.gpu());
        }
        admitted.put(runtimeId, placed);
        return placed;
    }

    /** What an isolated kernel of this runtime may use: its type's memory and CPU. */
    public RuntimeRequest.Sandbox sandbox(Admitted runtime, String owner) {
        return new RuntimeRequest.Sandbox(owner, runtime.type().memoryMiB() << 20, runtime.type().milliCpus() / 1000.0,
                kernels.maxProcesses());
    }

    /** The sandbox of a runtime admitted earlier, here or by another replica (a restart); 2 GiB when not known. */
    public RuntimeRequest.Sandbox sandbox(String runtimeId, String owner) {
        Admitted runtime = admitted(runtimeId);
        return runtime != null ? sandbox(runtime, owner) : RuntimeRequest.Sandbox.of(owner, 2L << 30);
    }

    /** The terms of a runtime another replica admitted (its tier's, as they are now). */
    public RuntimeTerms terms(String owner, String runtimeType, boolean accelerated) {
        Tier tier = tiers.tierOf(owner);
        return new RuntimeTerms(runtimeType, accelerated, tier.idleTimeout(), tier.maxLifetime());
    }

    public RuntimeTerms terms(Admitted runtime) {
        return new RuntimeTerms(runtime.type().name(), runtime.type().isAccelerated(), runtime.tier().idleTimeout(),
                runtime.tier().maxLifetime());
    }

    /**
     * Whether the account's quota stops its runtimes now, or will within {@code lead}.
     *
     * @param stop why its runtimes stop now; {@code null} when they may run on
     * @param warning what its user should hear now, ahead of a stop; {@code null} for nothing
     * @param acceleratedOnly whether only accelerator runtimes are concerned (free tiers count only their hours)
     */
    public record QuotaVerdict(String stop, String warning, boolean acceleratedOnly) {
    }

    public QuotaVerdict quota(String account, Duration lead) {
        Tier tier = tiers.tierOf(account);
        QuotaStatus status = ledger.status(account, tier, clock.instant());
        Duration left = status.timeLeft();
        if (left == null) {
            return new QuotaVerdict(null, null, false);
        }
        String what = tier.paysInUnits() ? "your compute units" : "your accelerator time for this week";
        String renewal = tier.paysInUnits() ? "" : " (it renews " + status.renewsAt() + ")";
        if (left.isZero() || left.isNegative()) {
            return new QuotaVerdict(what + " ran out" + renewal, null, !tier.paysInUnits());
        }
        if (left.compareTo(lead) <= 0) {
            return new QuotaVerdict(null, "this runtime will stop within " + Math.max(1, left.toMinutes()) + " min: "
                    + what + " will have run out" + renewal + ". Your notebook is saved first", !tier.paysInUnits());
        }
        return new QuotaVerdict(null, null, false);
    }

    /** The runtime stopped: metering closes and its place in the pool frees. */
    public void stopped(String runtimeId, String reason) {
        ledger.close(runtimeId, reason, clock.instant());
        release(runtimeId);
    }

    /** The runtime was lost through Jotter's fault (it could not start, the server went away): refunded in full. */
    public void lost(String runtimeId, String reason) {
        ledger.close(runtimeId, reason, clock.instant());
        ledger.refund(runtimeId, "refunded: " + reason, clock.instant());
        release(runtimeId);
    }

    private void release(String runtimeId) {
        admitted.remove(runtimeId);
        pool.releaseGpu(runtimeId);
    }
}
