package io.jotter.server.runtimes;

import io.jotter.pool.catalog.AcceleratorKind;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.pool.catalog.RuntimeType;
import io.jotter.pool.catalog.Toleration;
import io.jotter.pool.reservations.ReservationRules;
import io.jotter.quota.admission.AdmissionPolicy;
import io.jotter.quota.tiers.Tier;
import io.jotter.quota.tiers.Tiers;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The catalog, tiers and rules this server offers: Jotter's defaults with the configuration's changes. */
public class Offer {
    @Produces
    @Singleton
    RuntimeCatalog catalog(RuntimeTypesConfig config) {
        RuntimeCatalog defaults = RuntimeCatalog.defaults();
        List<RuntimeType> changed = new ArrayList<>();
        config.types().forEach((name, c) -> {
            RuntimeType base = defaults.find(name).orElse(null);
            if (base == null && (c.displayName().isEmpty() || c.kind().isEmpty() || c.unitsPerHour().isEmpty())) {
                throw new IllegalStateException("jotter.runtime-types." + name + " is a new type: give at least its "
                        + "display-name, kind and units-per-hour");
            }
            AcceleratorKind kind = c.kind().map(k -> AcceleratorKind.valueOf(k.toUpperCase(Locale.ROOT)))
                    .orElse(base == null ? AcceleratorKind.CPU : base.kind());
            String resource = c.acceleratorResource()
                    .orElse(base == null ? defaultResource(kind) : base.acceleratorResource());
            // Lambdas, not base::..., which would dereference a new type's null base at once.
            changed.add(new RuntimeType(name,
                    c.displayName().orElseGet(() -> base.displayName()), kind,
                    c.accelerators().orElse(base == null ? (kind == AcceleratorKind.CPU ? 0 : 1) : base.accelerators()),
                    c.milliCpus().orElse(base == null ? 2000 : base.milliCpus()),
                    c.memoryMib().orElse(base == null ? 8192L : base.memoryMiB()),
                    resource,
                    c.nodeSelector().isEmpty() && base != null ? base.nodeSelector() : c.nodeSelector(),
                    base == null ? defaultTolerations(kind, resource) : base.tolerations(),
                    c.unitsPerHour().orElseGet(() -> base.computeUnitsPerHour())));
        });
        return defaults.with(changed);
    }

    private static String defaultResource(AcceleratorKind kind) {
        return switch (kind) {
            case CPU -> "";
            case GPU -> "nvidia.com/gpu";
            case TPU -> "google.com/tpu";
        };
    }

    /**
     * A new accelerator type tolerates the taint named after its resource, as GKE taints GPU and TPU node pools
     * ({@code nvidia.com/gpu}, {@code google.com/tpu}); without it the pod would fit no node of its pool.
     */
    private static List<Toleration> defaultTolerations(AcceleratorKind kind, String resource) {
        return kind == AcceleratorKind.CPU ? List.of() : List.of(Toleration.exists(resource, "NoSchedule"));
    }

    @Produces
    @Singleton
    Tiers tiers(TiersConfig config) {
        Tiers defaults = Tiers.defaults();
        List<Tier> changed = new ArrayList<>();
        config.tiers().forEach((name, c) -> {
            Tier base = defaults.find(name).orElse(null);
            if (base == null && c.runtimeTypes().isEmpty()) {
                throw new IllegalStateException("jotter.tiers." + name + " is a new tier: give at least its runtime-types");
            }
            Tier from = base != null ? base : defaults.free();
            boolean paid = c.monthlyComputeUnits().map(units -> units.signum() > 0).orElse(from.paysInUnits());
            changed.add(new Tier(name, c.runtimeTypes().orElse(from.runtimeTypes()),
                    c.maxConcurrent().orElse(from.maxConcurrent()), c.idleTimeout().orElse(from.idleTimeout()),
                    c.maxLifetime().orElse(from.maxLifetime()),
                    paid ? null : c.weeklyAcceleratorHours().map(h -> Duration.ofHours(h))
                            .orElse(from.weeklyAcceleratorTime() == null ? Duration.ofHours(30) : from.weeklyAcceleratorTime()),
                    paid ? c.monthlyComputeUnits().orElse(from.monthlyComputeUnits()) : null,
                    from.unitsExpireAfter(), c.priority().orElse(from.priority()), c.mayReserve().orElse(from.mayReserve())));
        });
        return defaults.with(changed);
    }

    @Produces
    @Singleton
    AdmissionPolicy admissionPolicy(QuotaConfig config) {
        return new AdmissionPolicy(config.minimumRunway());
    }

    @Produces
    @Singleton
    ReservationRules reservationRules(PoolConfig config) {
        return new ReservationRules(config.maxReservation(), config.bookAhead(), config.reservationGrace());
    }

    /** Capacity by type: configured, plus the GPUs found on this machine. */
    @Produces
    @Singleton
    LocalPool localPool(PoolConfig config, RuntimeCatalog catalog) {
        config.capacity().keySet().forEach(catalog::get);
        List<LocalGpus.Gpu> gpus = config.detectGpus() ? LocalGpus.detect(catalog) : List.of();
        return new LocalPool(Map.copyOf(config.capacity()), gpus);
    }
}
