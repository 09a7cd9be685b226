package io.jotter.server.kernels;

import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Stops kernels that the {@link CullingPolicy} says have idled or lived long enough. */
@Singleton
public class IdleCuller {
    private static final Logger LOG = Logger.getLogger(IdleCuller.class);

    private final KernelRegistry kernels;
    private final CullingPolicy policy;
    private final Clock clock;

    public IdleCuller(KernelRegistry kernels, KernelsConfig config, Clock clock) {
        this.kernels = kernels;
        this.policy = CullingPolicy.from(config);
        this.clock = clock;
    }

    @Scheduled(every = "${jotter.kernels.cull-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void cull() {
        for (RunningKernel kernel : kernels.list()) {
            Optional<String> reason = policy.reasonToStop(kernel.activity(), clock.instant());
            if (reason.isPresent()) {
                LOG.infof("stopping kernel %s of %s: %s", kernel.id(), kernel.owner(), reason.get());
                try {
                    kernels.shutdown(kernel.id(), reason.get());
                } catch (KernelNotFoundException e) {
                    // Shut down meanwhile by its user.
                }
            }
        }
    }
}
