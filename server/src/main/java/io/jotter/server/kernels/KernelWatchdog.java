package io.jotter.server.kernels;

import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;

/**
 * Notices a kernel whose process ended on its own (a crash, an out-of-memory kill, {@code kill -9}) so
 * that clients are told it is dead instead of waiting on a reply that will never come.
 */
@Singleton
public class KernelWatchdog {
    private final KernelRegistry kernels;
    private final KernelPresence presence;

    public KernelWatchdog(KernelRegistry kernels, KernelPresence presence) {
        this.kernels = kernels;
        this.presence = presence;
    }

    @Scheduled(every = "${jotter.kernels.watch-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        for (RunningKernel kernel : kernels.list()) {
            String state = kernel.activity().executionState();
            if (!KernelActivity.DEAD.equals(state) && !KernelActivity.RESTARTING.equals(state) && !kernels.isAlive(kernel)) {
                kernels.died(kernel);
            }
        }
    }

    /**
     * With several replicas: this one's heartbeat, adoption of the kernels of replicas that died, and the kernels'
     * clients and warnings shared between replicas.
     */
    @Scheduled(every = "${jotter.replicas.heartbeat:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        kernels.sweep();
        presence.share();
    }
}
