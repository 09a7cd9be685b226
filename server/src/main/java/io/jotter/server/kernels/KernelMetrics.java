package io.jotter.server.kernels;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Kernels running and clients connected to them, on {@code /q/metrics}. */
@Singleton
public class KernelMetrics {
    private final KernelRegistry kernels;
    private final MeterRegistry metrics;

    public KernelMetrics(KernelRegistry kernels, MeterRegistry metrics) {
        this.kernels = kernels;
        this.metrics = metrics;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("jotter.kernels.running", kernels, k -> k.list().size())
                .description("Kernels this server runs").register(metrics);
        Gauge.builder("jotter.kernels.busy", kernels, k -> k.list().stream().filter(r -> r.activity().isBusy()).count())
                .description("Kernels running a cell").register(metrics);
        Gauge.builder("jotter.gateway.connections", kernels,
                        k -> k.list().stream().mapToInt(r -> r.activity().connections()).sum())
                .description("Client WebSockets open on kernels").register(metrics);
    }
}
