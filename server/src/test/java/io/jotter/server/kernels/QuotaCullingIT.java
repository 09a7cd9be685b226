package io.jotter.server.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jotter.quota.ledger.EntryKind;
import io.jotter.server.runtimes.PoolTypes;
import io.jotter.server.runtimes.RuntimeViews;
import io.jotter.server.runtimes.TestQuota;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Quota enforced as it is spent: a free user's GPU runtime is warned when its accelerator hours are about to
 * run out, then stopped with the reason, and metered; a CPU runtime of the same user runs on.
 */
@QuarkusTest
class QuotaCullingIT {
    @Inject
    KernelRegistry kernels;

    @Inject
    IdleCuller culler;

    @Inject
    PoolTypes pool;

    @Inject
    TestQuota quota;

    @Inject
    RuntimeViews views;

    @Inject
    Heard heard;

    /** What the culler told the kernels' clients. */
    @Singleton
    static class Heard {
        final List<KernelEvent> events = new CopyOnWriteArrayList<>();

        void on(@Observes KernelEvent event) {
            events.add(event);
        }
    }

    /** The ledger is append-only: each run gets an account of its own. */
    private final String account = "culled-" + System.nanoTime();

    @AfterEach
    void restore() {
        quota.reset(account);
    }

    @Test
    void aFreeGpuRuntimeIsWarnedThenStoppedWhenItsHoursRunOutAndItsCpuRuntimeRunsOn() {
        pool.set(Map.of("cpu", 64, "gpu-t4", 2));
        quota.tier(account, "free");
        quota.write(account, EntryKind.ADJUST, BigDecimal.ZERO, Duration.ofHours(30).minusMinutes(15));
        RunningKernel gpu = kernels.start(null, account, "gpu-t4", null);
        RunningKernel cpu = kernels.start(null, account, "cpu", null);
        gpu.activity().connected();

        quota.write(account, EntryKind.ADJUST, BigDecimal.ZERO, Duration.ofMinutes(12));
        culler.cull();
        KernelEvent warning = heard.events.stream().filter(e -> e.type() == KernelEvent.Type.WARNING
                && e.kernel().id().equals(gpu.id())).findFirst().orElseThrow();
        // Three minutes were left when it was written; the kernels' starts took some of them.
        assertTrue(warning.reason().matches("this runtime will stop within [1-3] min: your accelerator time for this "
                + "week will have run out \\(it renews .*\\)\\. Your notebook is saved first"), warning.reason());
        assertTrue(kernels.find(gpu.id()).isPresent(), "warned, not yet stopped");

        quota.write(account, EntryKind.ADJUST, BigDecimal.ZERO, Duration.ofMinutes(3));
        culler.cull();
        assertTrue(kernels.find(gpu.id()).isEmpty(), "stopped once the hours ran out");
        assertTrue(kernels.find(cpu.id()).isPresent(), "CPU time is not counted on the free tier");
        KernelEvent stopped = heard.events.stream().filter(e -> e.type() == KernelEvent.Type.STOPPED
                && e.kernel().id().equals(gpu.id())).findFirst().orElseThrow();
        assertTrue(stopped.reason().startsWith("your accelerator time for this week ran out (it renews "),
                stopped.reason());
        assertEquals("meter", views.usage(account).ledger().stream()
                .filter(line -> gpu.id().equals(line.runtimeId())).findFirst().orElseThrow().kind());
        kernels.shutdown(cpu.id());
    }
}
