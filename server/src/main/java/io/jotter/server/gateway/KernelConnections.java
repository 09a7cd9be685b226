package io.jotter.server.gateway;

import io.jotter.kernel.protocol.KernelLinks;
import io.jotter.server.kernels.KernelEvent;
import io.jotter.server.kernels.KernelNotFoundException;
import io.jotter.server.kernels.KernelRegistry;
import io.jotter.server.kernels.RunningKernel;
import io.jotter.server.outputs.CellOutputs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every running kernel's {@link KernelConnection}, opened when the kernel starts and closed when it stops. With
 * several replicas, a kernel another replica runs gets a connection here when a client of this replica first asks
 * for it; it records nothing until this replica adopts the kernel.
 */
// Eager, so its metrics are on /q/metrics from the start.
@Startup
@Singleton
public class KernelConnections {
    private final GatewayConfig config;
    private final CellOutputs outputs;
    private final Clock clock;
    private final Counter toKernel;
    private final Counter toClients;
    private final Map<String, KernelConnection> connections = new ConcurrentHashMap<>();
    /** One ZeroMQ I/O thread for every kernel link, not one (and a reaper) per kernel. */
    private final KernelLinks links = new KernelLinks(1);

    private final KernelRegistry kernels;

    public KernelConnections(GatewayConfig config, CellOutputs outputs, Clock clock, MeterRegistry metrics,
                             KernelRegistry kernels) {
        this.kernels = kernels;
        this.config = config;
        this.outputs = outputs;
        this.clock = clock;
        this.toKernel = Counter.builder("jotter.gateway.messages").tag("direction", "to_kernel")
                .description("Messages relayed from clients to kernels").register(metrics);
        this.toClients = Counter.builder("jotter.gateway.messages").tag("direction", "from_kernel")
                .description("Messages relayed from kernels to clients").register(metrics);
    }

    @PreDestroy
    void close() {
        connections.values().forEach(KernelConnection::closeLink);
        links.close();
    }

    KernelConnection get(String kernelId) {
        KernelConnection connection = connections.get(kernelId);
        if (connection != null) {
            return connection;
        }
        RunningKernel kernel = kernels.find(kernelId).orElseThrow(() -> new KernelNotFoundException(kernelId));
        return connections.computeIfAbsent(kernelId, id -> open(kernel));
    }

    private KernelConnection open(RunningKernel kernel) {
        return new KernelConnection(kernel, kernels.runsHere(kernel.id()), config, outputs, clock, toKernel, toClients, links);
    }

    void onKernelEvent(@Observes KernelEvent event) {
        String id = event.kernel().id();
        switch (event.type()) {
            case STARTED -> connections.put(id, open(event.kernel()));
            case RESTARTED -> {
                boolean runsHere = kernels.runsHere(id);
                if (runsHere) {
                    // The old process's runs ended with it. (A replica that hears of another's restart a heartbeat
                    // later leaves cell_runs alone: the new process's first runs may already be in it.)
                    outputs.kernelStopped(id);
                }
                connections.computeIfAbsent(id, kernelId -> open(event.kernel())).restarted(event.kernel(), runsHere);
            }
            case DIED -> {
                KernelConnection connection = connections.get(id);
                if (connection != null) {
                    connection.died(event.reason());
                }
                outputs.kernelStopped(id);
            }
            case ADOPTED -> connections.computeIfAbsent(id, kernelId -> open(event.kernel())).adopted();
            case RELEASED -> {
                KernelConnection connection = connections.get(id);
                if (connection != null) {
                    connection.released();
                } else {
                    outputs.released(id);
                }
            }
            case WARNING -> {
                KernelConnection connection = connections.get(id);
                if (connection != null) {
                    connection.warn(event.reason());
                }
            }
            case STOPPED -> {
                KernelConnection connection = connections.remove(id);
                if (connection != null) {
                    connection.stopped(event.reason());
                }
                outputs.kernelStopped(id);
            }
        }
    }
}
