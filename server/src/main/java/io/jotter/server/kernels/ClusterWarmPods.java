package io.jotter.server.kernels;

import io.jotter.kernel.protocol.Channel;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.KernelClient;
import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.kubernetes.KubernetesBackend;
import io.jotter.scheduler.kubernetes.KubernetesBackend.WarmPod;
import io.jotter.scheduler.kubernetes.WarmPodPlan;
import io.jotter.scheduler.runtime.RuntimeBackend;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.scheduler.runtime.RuntimeRequest;
import io.jotter.server.db.ClusterLock;
import io.jotter.server.kernelspecs.KernelSpecCatalog;
import io.jotter.server.runtimes.PoolTypes;
import io.jotter.server.runtimes.Runtimes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Warm kernel pods on Kubernetes, kept for the whole cluster ({@code jotter.pool.warm.<type>}, and
 * {@code jotter.kernels.warm-pool} for the default type), not for one replica: they live in the API server, labelled
 * warm, so any replica claims one ({@link KubernetesBackend#claimWarm}, atomic across replicas), and one replica at
 * a time, the holder of the cluster role {@value #ROLE}, starts, checks and removes them every
 * {@value #TICK_SECONDS} s by {@link WarmPodPlan}: within the slots the type's runtimes leave free, so a warm pod
 * and the runtime it becomes are never counted twice against capacity. A pod is claimable once its kernel answered
 * a {@code kernel_info_request}. A replica that stops leaves the warm pods to the cluster.
 */
@Singleton
public class ClusterWarmPods {
    /** The cluster role whose holder keeps the warm pods. */
    public static final String ROLE = "warm-pods";
    private static final Logger LOG = Logger.getLogger(ClusterWarmPods.class);
    private static final long TICK_SECONDS = 2;
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(5);
    private static final Duration UNRECORDED_LOOK = Duration.ofSeconds(30);

    private final KubernetesBackend pods;
    private final ClusterLock lock;
    private final PoolTypes pool;
    private final Runtimes runtimes;
    private final KernelFileAccess files;
    private final KernelSpec spec;
    private final Clock clock;
    private final Map<String, Integer> targets;
    /** Warm pods this replica is starting or checking now, by type; their ids. */
    private final Map<String, Set<String>> starting = new ConcurrentHashMap<>();
    private final Set<String> checking = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newFixedThreadPool(4, daemon("warm-pods"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("warm-pods-tick"));
    private final RuntimeRecords records;
    private final Duration unrecordedGrace;
    /** Runtime pods seen without a runtime record, and since when (on the ticker's thread only). */
    private final Map<String, Instant> unrecorded = new HashMap<>();
    private Instant lookedForUnrecorded = Instant.MIN;

    public ClusterWarmPods(RuntimeBackend backend, ClusterLock lock, PoolTypes pool, Runtimes runtimes,
                           KernelFileAccess files, KernelSpecCatalog catalog, KernelsConfig config, Clock clock,
                           RuntimeRecords records) {
        this.pods = backend instanceof KubernetesBackend kubernetes ? kubernetes : null;
        this.records = records;
        this.unrecordedGrace = config.unrecordedPodGrace();
        this.lock = lock;
        this.pool = pool;
        this.runtimes = runtimes;
        this.files = files;
        this.clock = clock;
        this.spec = catalog.all().get(KernelSpecCatalog.JOTTER_JAVA);
        this.targets = pods == null || spec == null ? Map.of() : Map.copyOf(runtimes.warmCounts(config.warmPool()));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    void onStart(@Observes StartupEvent event) {
        if (!targets.isEmpty()) {
            LOG.infof("warm kernel pods kept for the cluster: %s", targets);
            ticker.scheduleWithFixedDelay(this::tick, 1, TICK_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Whether warm pods of the kernel spec and type are kept. */
    boolean serves(KernelSpec wanted, String type) {
        return targets.containsKey(type) && wanted.name().equals(spec.name());
    }

    /** Claims a warm pod of the type for the account; the role's holder starts another in its place. */
    Optional<RuntimeHandle> claim(String type, String account) {
        Optional<RuntimeHandle> claimed = pods.claimWarm(type, account);
        if (claimed.isPresent()) {
            ticker.execute(this::tick);
        }
        return claimed;
    }

    /** A claimed pod whose admission was refused is warm again, for the next one. */
    void giveBack(RuntimeHandle handle) {
        try {
            pods.giveBack(handle);
        } catch (RuntimeException e) {
            LOG.warnf("a refused claim of warm pod %s could not be given back (%s): the role's holder removes it",
                    handle.backendRef(), e.getMessage());
        }
    }

    /** One turn of the role: on the replica that holds it, the plan's pods are started and removed. */
    void tick() {
        try {
            if (!lock.lead(ROLE)) {
                return;
            }
            List<WarmPod> warm = pods.warmPods();
            Map<String, Set<String>> inFlight = new HashMap<>();
            starting.forEach((type, ids) -> inFlight.put(type, Set.copyOf(ids)));
            WarmPodPlan plan = WarmPodPlan.of(targets, pool.capacity(), pool.inUse(), warm, inFlight,
                    clock.instant(), KernelRegistry.READY_TIMEOUT.plus(ANSWER_WAIT));
            for (WarmPod pod : plan.toRemove()) {
                LOG.infof("removing warm pod %s (%s)", pod.handle().backendRef(), pod.alive() ? "not needed now"
                        : "it died");
                workers.execute(() -> pods.cleanUp(pod.handle()));
            }
            plan.toStart().forEach((type, count) -> {
                for (int i = 0; i < count; i++) {
                    String id = UUID.randomUUID().toString();
                    starting.computeIfAbsent(type, t -> ConcurrentHashMap.newKeySet()).add(id);
                    workers.execute(() -> start(type, id));
                }
            });
            removeUnrecorded();
            for (WarmPod pod : warm) {
                if (!pod.ready() && pod.alive() && pod.handle().connection() != null && !plan.toRemove().contains(pod)
                        && checking.add(pod.handle().runtimeId())) {
                    workers.execute(() -> check(pod.handle()));
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("keeping the warm pods failed this turn: %s", e.getMessage());
        }
    }

    /**
     * Removes runtime pods that have had no runtime record for the grace period: a claim that was never admitted (its
     * replica died between the two; admission takes milliseconds) or a pod whose deletion failed. Looked for at most
     * every 30 s (a list of pods and one of Secrets).
     */
    private void removeUnrecorded() {
        Instant now = clock.instant();
        Duration every = unrecordedGrace.compareTo(UNRECORDED_LOOK) < 0 ? unrecordedGrace : UNRECORDED_LOOK;
        if (now.isBefore(lookedForUnrecorded.plus(every))) {
            return;
        }
        lookedForUnrecorded = now;
        // Records first: a pod admitted after this read is in the list below, and is only noted, not removed.
        Set<String> recorded = records.running().stream().map(RuntimeRecord::id).collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        for (RuntimeHandle pod : pods.discover()) {
            if (recorded.contains(pod.runtimeId())) {
                continue;
            }
            seen.add(pod.runtimeId());
            Instant since = unrecorded.computeIfAbsent(pod.runtimeId(), id -> now);
            if (!since.plus(unrecordedGrace).isAfter(now)) {
                LOG.infof("removing runtime pod %s: no runtime record for %d s (claimed by a replica that stopped"
                        + " before admitting it, or not deleted when it stopped)", pod.backendRef(),
                        Duration.between(since, now).toSeconds());
                workers.execute(() -> {
                    pods.kill(pod);
                    pods.cleanUp(pod);
                });
            }
        }
        unrecorded.keySet().retainAll(seen);
    }

    private void start(String type, String id) {
        try {
            Map<String, String> env = new HashMap<>(files.environment(id));
            env.putAll(runtimes.warmEnvironment(type, id));
            RuntimeHandle handle = pods.startWarm(new RuntimeRequest(id, spec, Path.of(System.getProperty("user.home")),
                    env, null));
            checking.add(id);
            check(handle);
        } catch (RuntimeException e) {
            LOG.warnf("could not start a warm %s pod: %s", type, e.getMessage());
        } finally {
            runtimes.releaseDevice(id);
            starting.getOrDefault(type, Set.of()).remove(id);
        }
    }

    /** Marks the pod claimable once its kernel answers; one that never does is removed by the plan. */
    private void check(RuntimeHandle handle) {
        try (KernelClient client = new KernelClient(handle.connection(), "jotter-server")) {
            if (client.call(Channel.SHELL, new Content.KernelInfoRequest(), ANSWER_WAIT,
                    () -> pods.isAlive(handle)) != null) {
                pods.markReady(handle);
            }
        } catch (RuntimeException e) {
            LOG.debugf("warm pod %s did not answer yet: %s", handle.backendRef(), e.getMessage());
        } finally {
            checking.remove(handle.runtimeId());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
        workers.shutdownNow();
    }
}
