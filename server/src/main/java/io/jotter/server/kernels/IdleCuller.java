package io.jotter.server.kernels;

import io.jotter.server.runtimes.Runtimes;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Stops kernels whose runtime idled or lived as long as its tier allows, or whose owner's quota ran out; warns
 * their connected users first (once per reason), so the page saves the notebook before the stop.
 */
@Singleton
public class IdleCuller {
    private static final Logger LOG = Logger.getLogger(IdleCuller.class);

    private final KernelRegistry kernels;
    private final CullingPolicy policy;
    private final KernelsConfig config;
    private final Runtimes runtimes;
    private final Event<KernelEvent> events;
    private final Clock clock;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public IdleCuller(KernelRegistry kernels, KernelsConfig config, Runtimes runtimes, Event<KernelEvent> events,
                      Clock clock) {
        this.kernels = kernels;
        this.policy = CullingPolicy.from(config);
        this.config = config;
        this.runtimes = runtimes;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(every = "${jotter.kernels.cull-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void cull() {
        Instant now = clock.instant();
        Map<String, List<RunningKernel>> byOwner = kernels.list().stream()
                .collect(Collectors.groupingBy(RunningKernel::owner));
        byOwner.forEach((owner, theirs) -> {
            Runtimes.QuotaVerdict quota = runtimes.quota(owner, config.stopWarning());
            for (RunningKernel kernel : theirs) {
                boolean concerned = !quota.acceleratedOnly() || kernel.terms().accelerated();
                Optional<String> reason = policy.reasonToStop(kernel.activity(), kernel.terms(), now)
                        .or(() -> Optional.ofNullable(concerned ? quota.stop() : null));
                if (reason.isPresent()) {
                    stop(kernel, reason.get());
                    continue;
                }
                policy.warning(kernel.activity(), kernel.terms(), now, config.stopWarning())
                        .or(() -> Optional.ofNullable(concerned ? quota.warning() : null))
                        .filter(warning -> warned.add(kernel.id() + "\n" + warning.replaceAll("\\d+ min", "")))
                        .ifPresent(warning -> events.fire(new KernelEvent(KernelEvent.Type.WARNING, kernel, warning)));
            }
        });
        Set<String> live = kernels.list().stream().map(RunningKernel::id).collect(Collectors.toSet());
        warned.removeIf(key -> !live.contains(key.substring(0, key.indexOf('\n'))));
    }

    private void stop(RunningKernel kernel, String reason) {
        LOG.infof("stopping kernel %s of %s: %s", kernel.id(), kernel.owner(), reason);
        try {
            kernels.shutdown(kernel.id(), reason);
        } catch (KernelNotFoundException e) {
            // Shut down meanwhile by its user.
        }
    }
}
