package io.jotter.server.kernels;

import io.jotter.kernel.protocol.Channel;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.KernelClient;
import io.jotter.kernel.protocol.NoGpuExit;
import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.kubernetes.KubernetesBackend;
import io.jotter.scheduler.local.LocalProcessBackend;
import io.jotter.scheduler.runtime.RuntimeBackend;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.scheduler.runtime.RuntimeRequest;
import io.jotter.server.kernelspecs.KernelSpecCatalog;
import io.jotter.server.runtimes.Admitted;
import io.jotter.server.runtimes.Runtimes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The kernels this server runs, by id. Starting waits until the kernel answers
 * {@code kernel_info_request}, so a kernel a client gets is one it can talk to. Every start, restart
 * and stop is recorded in {@code runtimes} and announced as a {@link KernelEvent}. On one server, its
 * kernels stop with it.
 *
 * <p>With several replicas ({@code jotter.replicas.enabled}), each kernel is run by one replica (it records the
 * outputs and watches the process) and reached by all: a kernel another replica runs is found through its
 * {@code runtimes} row and served from here too ({@link #find}). Kernels then outlive their replica; when one
 * dies, another adopts its kernels ({@link #sweep}).
 */
@Singleton
public class KernelRegistry {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(3);
    static final Duration INTERRUPT_REPLY_TIMEOUT = Duration.ofSeconds(5);
    /** Longer than any start takes (a pod's image pull included): a runtime starting for longer lost its replica. */
    static final Duration STUCK_STARTING = Duration.ofMinutes(30);
    private static final Logger LOG = Logger.getLogger(KernelRegistry.class);
    private static final String PROCESS_ENDED = "the kernel's process ended";

    private final KernelSpecCatalog catalog;
    private final RuntimeBackend backend;
    private final RuntimeRecords records;
    private final Event<KernelEvent> events;
    private final Clock clock;
    private final Map<String, RunningKernel> kernels = new ConcurrentHashMap<>();
    private final Set<String> restarting = ConcurrentHashMap.newKeySet();
    /** Warm kernels by runtime type. */
    private final Map<String, WarmKernels> warm = new HashMap<>();
    private final ClusterWarmPods warmPods;
    private final KernelFileAccess files;
    private final Runtimes runtimes;
    private final boolean isolated;
    /** This replica's id in {@code runtimes.replica}; {@code null} on a single server. */
    private final String replica;
    private final ReplicasConfig replicas;
    /** Kernels another replica runs, that clients of this one use: found in the database, cached. */
    private final Map<String, RunningKernel> remote = new ConcurrentHashMap<>();
    /**
     * Kernels this replica claimed from a dead one and has not adopted yet: adoption goes one kernel at a time, which
     * for a class's worth takes tens of seconds, and meanwhile they are served as another replica's kernels are (their
     * records already name this replica, so without this their pages were told they had no kernel).
     */
    private final Set<String> adopting = ConcurrentHashMap.newKeySet();

    public KernelRegistry(KernelSpecCatalog catalog, RuntimeBackend backend, RuntimeRecords records,
                          Event<KernelEvent> events, Clock clock, KernelsConfig config, KernelFileAccess files,
                          Runtimes runtimes, ReplicasConfig replicas, ClusterWarmPods warmPods) {
        this.warmPods = warmPods;
        this.runtimes = runtimes;
        this.replicas = replicas;
        this.replica = replicas.enabled() ? replicaName() : null;
        this.files = files;
        this.catalog = catalog;
        this.backend = backend;
        this.records = records;
        this.events = events;
        this.clock = clock;
        KernelSpec defaultSpec = catalog.all().get(KernelSpecCatalog.JOTTER_JAVA);
        this.isolated = config.isolated();
        // A warm kernel belongs to nobody yet, so it could not run as its account's user. On Kubernetes the
        // warm pods are the cluster's (ClusterWarmPods), not this replica's.
        if (defaultSpec != null && !isolated && !(backend instanceof KubernetesBackend)) {
            runtimes.warmCounts(config.warmPool()).forEach((type, count) -> warm.put(type, new WarmKernels(defaultSpec,
                    count, spec -> warmLaunch(spec, type), this::warmStop)));
        }
    }

    private static String replicaName() {
        String host = System.getenv("HOSTNAME");
        String random = UUID.randomUUID().toString().substring(0, 8);
        return host == null || host.isBlank() ? random : host + "-" + random;
    }

    /** Fills the warm pool once the server is up (not in the constructor: it must not slow the start). */
    void onStart(@Observes StartupEvent event) {
        if (replica != null) {
            records.heartbeat(replica);
            LOG.infof("this server is replica %s; kernels outlive it and are adopted by another if it dies", replica);
        }
        warm.values().forEach(WarmKernels::refill);
    }

    /** The warm kernels waiting to be handed out, by runtime type (this server's own, not another replica's). */
    Map<String, List<String>> warmKernels() {
        Map<String, List<String>> waiting = new TreeMap<>();
        warm.forEach((type, kernels) -> waiting.put(type, kernels.waitingIds()));
        return waiting;
    }

    /** This replica's id, or {@code null} on a single server. */
    public String replica() {
        return replica;
    }

    /** A warm kernel of a type: its environment (and, for a GPU type, its device) is the type's from the start. */
    private RuntimeHandle warmLaunch(KernelSpec spec, String type) {
        String id = UUID.randomUUID().toString();
        try {
            return launch(id, spec, runtimes.warmEnvironment(type, id), null);
        } catch (RuntimeException e) {
            runtimes.releaseDevice(id);
            throw e;
        }
    }

    private void warmStop(RuntimeHandle handle) {
        stop(handle);
        runtimes.releaseDevice(handle.runtimeId());
    }

    /** The kernels this server runs (with replicas: this replica). */
    public Collection<RunningKernel> list() {
        return List.copyOf(kernels.values());
    }

    /** The kernels other replicas run that clients of this one use. */
    Collection<RunningKernel> remoteKernels() {
        return List.copyOf(remote.values());
    }

    /** A user's kernels, wherever they run. */
    public List<RunningKernel> ownedBy(String owner) {
        Map<String, RunningKernel> theirs = new LinkedHashMap<>();
        kernels.values().stream().filter(k -> k.owner().equals(owner)).forEach(k -> theirs.put(k.id(), k));
        if (replica != null) {
            (adopting.isEmpty() ? records.liveElsewhere(replica) : records.liveAnywhere()).stream()
                    .filter(live -> live.owner().equals(owner) && servedAsRemote(live) && !theirs.containsKey(live.id()))
                    .map(this::remoteKernel).flatMap(Optional::stream).forEach(k -> theirs.put(k.id(), k));
        }
        return List.copyOf(theirs.values());
    }

    public RunningKernel get(String id) {
        return find(id).orElseThrow(() -> new KernelNotFoundException(id));
    }

    /** The kernel, run here or (with replicas) by another replica. */
    public Optional<RunningKernel> find(String id) {
        RunningKernel kernel = kernels.get(id);
        if (kernel != null || replica == null) {
            return Optional.ofNullable(kernel);
        }
        return records.live(id).filter(this::servedAsRemote).flatMap(this::remoteKernel);
    }

    /** The kernels among {@code ids} that run here or (with replicas) elsewhere, by id: one query, not one each. */
    public Map<String, RunningKernel> findEach(Collection<String> ids) {
        Map<String, RunningKernel> found = new HashMap<>();
        List<String> elsewhere = new ArrayList<>();
        for (String id : ids) {
            RunningKernel kernel = kernels.get(id);
            if (kernel != null) {
                found.put(id, kernel);
            } else {
                elsewhere.add(id);
            }
        }
        if (replica != null) {
            records.live(elsewhere).stream().filter(this::servedAsRemote).map(this::remoteKernel)
                    .flatMap(Optional::stream).forEach(kernel -> found.put(kernel.id(), kernel));
        }
        return found;
    }

    /** Whether a live record is of a kernel run by another replica, or of one this replica is about to adopt. */
    private boolean servedAsRemote(RuntimeRecords.Live live) {
        return !live.replica().equals(replica) || adopting.contains(live.id());
    }

    /** The kernel, if this server runs it or has met it: never reads the database (safe on an event loop). */
    public Optional<RunningKernel> findKnown(String id) {
        return Optional.ofNullable(kernels.get(id)).or(() -> Optional.ofNullable(remote.get(id)));
    }

    /** Whether {@link #findKnown} finds it. */
    public boolean isKnown(String id) {
        return kernels.containsKey(id) || remote.containsKey(id);
    }

    /** Whether this server runs the kernel (records its outputs, watches its process). */
    public boolean runsHere(String id) {
        return kernels.containsKey(id);
    }

    private Optional<RunningKernel> remoteKernel(RuntimeRecords.Live live) {
        RunningKernel cached = remote.get(live.id());
        if (cached != null && cached.handle().backendRef().equals(live.handle().backendRef())) {
            return Optional.of(cached);
        }
        KernelSpec spec = catalog.all().get(live.kernelName());
        if (spec == null) {
            return Optional.empty();
        }
        RunningKernel kernel = new RunningKernel(live.id(), live.owner(), spec, live.handle(),
                new KernelActivity(clock.instant()), runtimes.terms(live.owner(), live.runtimeType(), live.accelerated()));
        // Requests finding it at once (a socket, the page's GET) get one object: its activity is the one that counts
        // the clients here, which the gateway updates and the other replicas are told of.
        return Optional.of(remote.compute(live.id(), (id, current) -> current != null
                && current.handle().backendRef().equals(live.handle().backendRef()) ? current : kernel));
    }

    /** The kernel, if {@code owner} started it; another user's kernel is not found, as if it did not exist. */
    public RunningKernel owned(String id, String owner) {
        return find(id).filter(kernel -> kernel.owner().equals(owner)).orElseThrow(() -> new KernelNotFoundException(id));
    }

    /** Starts a kernel of the named spec on the default runtime type; see {@link #start(String, String, String, Long)}. */
    public RunningKernel start(String specName, String owner) {
        return start(specName, owner, null, null);
    }

    /**
     * Starts a kernel of the named spec (the default one when {@code null}) for a user on a runtime type (the
     * default one when {@code null}), once admitted, and waits until it answers.
     *
     * @param reservationId the reservation to run under, or {@code null}
     * @throws io.jotter.server.runtimes.RuntimeRefusedException when tier or quota says no, or the type is full
     */
    public RunningKernel start(String specName, String owner, String runtimeType, Long reservationId) {
        String name = specName == null || specName.isBlank() ? KernelSpecCatalog.JOTTER_JAVA : specName;
        KernelSpec spec = catalog.all().get(name);
        if (spec == null) {
            throw new KernelStartException(Response.Status.BAD_REQUEST, "no kernel spec named " + name
                    + "; GET /api/kernelspecs lists them");
        }
        String type = runtimeType == null || runtimeType.isBlank() ? runtimes.defaultType() : runtimeType;
        WarmKernels warmOfType = warm.get(type);
        RuntimeHandle warmHandle = warmOfType == null ? null
                : warmOfType.take(spec).filter(this::stillAlive).orElse(null);
        // A warm pod is claimed before admission: its id becomes the runtime's, and only the claim is atomic.
        boolean clusterWarm = warmHandle == null && warmPods.serves(spec, type);
        if (clusterWarm) {
            warmHandle = warmPods.claim(type, owner).orElse(null);
        }
        String id = warmHandle != null ? warmHandle.runtimeId() : UUID.randomUUID().toString();
        Admitted admitted;
        try {
            admitted = runtimes.admit(owner, id, spec.name(), type, reservationId);
        } catch (RuntimeException e) {
            if (warmHandle != null && clusterWarm) {
                warmPods.giveBack(warmHandle);
            } else if (warmHandle != null) {
                warmOfType.giveBack(warmHandle);
            }
            throw e;
        }
        RuntimeHandle handle = warmHandle;
        if (handle == null) {
            try {
                handle = launch(id, spec, runtimes.environment(admitted),
                        isolated ? runtimes.sandbox(admitted, owner) : null);
            } catch (RuntimeException e) {
                runtimes.lost(id, "the runtime could not start" + (NoGpuExit.isMessage(e.getMessage())
                        ? ": it found no usable GPU" : ""));
                throw e;
            }
        }
        RunningKernel kernel = new RunningKernel(id, owner, spec, handle, new KernelActivity(clock.instant()),
                runtimes.terms(admitted));
        recordStarted(owner, spec.name(), handle);
        kernels.put(id, kernel);
        events.fire(new KernelEvent(KernelEvent.Type.STARTED, kernel, null));
        return kernel;
    }

    private void recordStarted(String owner, String kernelName, RuntimeHandle handle) {
        if (replica == null) {
            records.started(owner, kernelName, handle);
        } else {
            records.started(owner, kernelName, handle, replica);
        }
    }

    /**
     * Starts the kernel and waits until it answers. A local kernel that exits while starting is started once more: on one
     * machine, ports checked free for it can be bound by another process before it binds them (Jotter's processes claim
     * them from one another, other programs do not), and it then exits at once; a second start gets other ports. A kernel that exits twice, or does not answer,
     * fails the start.
     */
    private RuntimeHandle launch(String id, KernelSpec spec, Map<String, String> extraEnv, RuntimeRequest.Sandbox sandbox) {
        try {
            return launchOnce(id, spec, extraEnv, sandbox);
        } catch (ExitedWhileStarting e) {
            if (!(backend instanceof LocalProcessBackend)) {
                throw new KernelStartException(Response.Status.INTERNAL_SERVER_ERROR, e.getMessage());
            }
            LOG.infof("runtime %s: %s; starting it once more", id, e.getMessage());
            try {
                return launchOnce(id, spec, extraEnv, sandbox);
            } catch (ExitedWhileStarting again) {
                throw new KernelStartException(Response.Status.INTERNAL_SERVER_ERROR, again.getMessage());
            }
        }
    }

    /** The kernel process ended before it answered (not for want of a GPU). */
    private static final class ExitedWhileStarting extends RuntimeException {
        ExitedWhileStarting(String message) {
            super(message, null, false, false);
        }
    }

    private RuntimeHandle launchOnce(String id, KernelSpec spec, Map<String, String> extraEnv,
                                     RuntimeRequest.Sandbox sandbox) {
        Map<String, String> env = new HashMap<>(files.environment(id));
        env.putAll(extraEnv);
        RuntimeHandle handle = backend.start(new RuntimeRequest(id, spec, Path.of(System.getProperty("user.home")), env,
                sandbox));
        try (KernelClient client = new KernelClient(handle.connection(), "jotter-server")) {
            if (client.call(Channel.SHELL, new Content.KernelInfoRequest(), READY_TIMEOUT,
                    () -> backend.isAlive(handle)) != null) {
                return handle;
            }
        }
        boolean alive = backend.isAlive(handle);
        // Before stop, whose cleanUp forgets how it ended: a GPU runtime without a usable GPU says why.
        Optional<String> why = alive ? Optional.empty() : backend.whyEnded(handle);
        stop(handle);
        if (why.filter(NoGpuExit::isMessage).isPresent()) {
            throw new KernelStartException(Response.Status.SERVICE_UNAVAILABLE, why.get());
        }
        if (!alive) {
            throw new ExitedWhileStarting("kernel " + spec.name() + " exited while starting"
                    + why.map(reason -> " (" + reason + ")").orElse(""));
        }
        throw new KernelStartException(Response.Status.INTERNAL_SERVER_ERROR, "kernel " + spec.name()
                + " did not answer within " + READY_TIMEOUT.toSeconds() + " s");
    }

    /** Interrupts the running cell: by message or by signal, as the kernel's spec says. */
    public RunningKernel interrupt(String id) {
        RunningKernel kernel = get(id);
        if (KernelSpec.MESSAGE.equals(kernel.spec().interruptMode())) {
            try (KernelClient client = new KernelClient(kernel.handle().connection(), "jotter-server")) {
                client.call(Channel.CONTROL, new Content.InterruptRequest(), INTERRUPT_REPLY_TIMEOUT);
            }
        } else {
            backend.interrupt(kernel.handle());
        }
        kernel.activity().touched(clock.instant());
        return kernel;
    }

    /**
     * Replaces the kernel's process with a fresh one under the same id; its state is lost, as in Jupyter.
     * A dead kernel restarts too.
     */
    public RunningKernel restart(String id) {
        RunningKernel old = takeOver(get(id));
        // Until the fresh process is in place, the old one's end is the restart's doing, not a death: the
        // watchdog must neither report it nor clean up the files the new launch (same id) is using.
        restarting.add(id);
        try {
            old.activity().restarting();
            stop(old.handle());
            RuntimeHandle handle;
            try {
                handle = launch(id, old.spec(), runtimes.environment(old.id()),
                        isolated ? runtimes.sandbox(id, old.owner()) : null);
            } catch (RuntimeException e) {
                old.activity().died();
                events.fire(new KernelEvent(KernelEvent.Type.DIED, old, "the restart failed: " + e.getMessage()));
                throw e;
            }
            RunningKernel fresh = old.withHandle(handle);
            fresh.activity().restarted(clock.instant());
            recordStarted(old.owner(), old.spec().name(), handle);
            kernels.put(id, fresh);
            events.fire(new KernelEvent(KernelEvent.Type.RESTARTED, fresh, null));
            return fresh;
        } finally {
            restarting.remove(id);
        }
    }

    /**
     * A kernel another replica runs becomes this one's (that replica lets it go at its next heartbeat), so that
     * this one can replace its process; a kernel run here is returned as it is.
     */
    private RunningKernel takeOver(RunningKernel kernel) {
        if (kernels.containsKey(kernel.id()) || replica == null || !records.claim(kernel.id(), replica)) {
            return kernel;
        }
        remote.remove(kernel.id());
        kernels.put(kernel.id(), kernel);
        LOG.infof("kernel %s taken over from another replica for a restart", kernel.id());
        return kernel;
    }

    /** Asks the kernel to shut down, kills it if it does not within a grace period, and forgets it. */
    public void shutdown(String id) {
        shutdown(id, null);
    }

    /**
     * As {@link #shutdown(String)}, for the server's own reasons.
     *
     * @param reason what a connected user is told, or {@code null} when the user asked for it
     */
    public void shutdown(String id, String reason) {
        RunningKernel kernel = kernels.remove(id);
        if (kernel == null && replica != null) {
            // Run by another replica: stopped from here; that replica forgets it at its next heartbeat.
            kernel = find(id).orElse(null);
            remote.remove(id);
        }
        if (kernel == null) {
            throw new KernelNotFoundException(id);
        }
        stop(kernel.handle());
        runtimes.stopped(id, reason == null ? "shut down" : reason);
        events.fire(new KernelEvent(KernelEvent.Type.STOPPED, kernel, reason));
    }

    /** The watchdog found the kernel's process gone: it is dead until restarted or shut down. */
    void died(RunningKernel kernel) {
        if (restarting.contains(kernel.id()) || kernels.get(kernel.id()) != kernel
                || KernelActivity.DEAD.equals(kernel.activity().executionState())) {
            return;
        }
        if (replica != null && !replica.equals(records.replicasOf(List.of(kernel.id())).get(kernel.id()))) {
            // Another replica stopped or took it over (and replaced its process): not a death; sweep() lets it go.
            return;
        }
        kernel.activity().died();
        // Before cleanUp, which forgets the process: a kernel that ran out of its memory limit says so.
        String reason = backend.whyEnded(kernel.handle()).orElse(PROCESS_ENDED);
        LOG.warnf("kernel %s (%s, process %s) died: %s", kernel.id(), kernel.spec().name(),
                kernel.handle().backendRef(), reason);
        backend.cleanUp(kernel.handle());
        events.fire(new KernelEvent(KernelEvent.Type.DIED, kernel, reason));
    }

    /** A warm kernel may have died while it waited. */
    private boolean stillAlive(RuntimeHandle handle) {
        if (backend.isAlive(handle)) {
            return true;
        }
        stop(handle);
        return false;
    }

    boolean isAlive(RunningKernel kernel) {
        return backend.isAlive(kernel.handle());
    }

    private void stop(RuntimeHandle handle) {
        if (backend.isAlive(handle)) {
            try (KernelClient client = new KernelClient(handle.connection(), "jotter-server")) {
                client.call(Channel.CONTROL, new Content.ShutdownRequest(false), SHUTDOWN_GRACE);
            }
            long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
            while (backend.isAlive(handle) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        backend.kill(handle);
        backend.cleanUp(handle);
    }

    /** The server is stopping: so do its kernels, so none is left without a server to reach it. */
    void onStop(@Observes ShutdownEvent event) {
        warm.values().forEach(WarmKernels::close);
        if (replica != null) {
            // Its kernels run on: leaving now lets another replica adopt them at its next heartbeat.
            records.leave(replica);
            kernels.clear();
            return;
        }
        for (String id : List.copyOf(kernels.keySet())) {
            RunningKernel kernel = kernels.remove(id);
            if (kernel != null) {
                stop(kernel.handle());
                runtimes.lost(id, "the server stopped");
            }
        }
    }

    /**
     * A replica's heartbeat: says it is alive, lets go of the kernels another replica stopped or took over, forgets
     * remote kernels that stopped, and adopts the kernels of replicas that died (or stops those whose process died
     * with them).
     */
    public void sweep() {
        if (replica == null) {
            return;
        }
        records.heartbeat(replica);
        // One snapshot for the question and the answer: a kernel started after the question (its record written
        // after it) must not be taken for one whose record is gone, and stopped.
        List<RunningKernel> mine = List.copyOf(kernels.values());
        Map<String, String> runBy = records.replicasOf(mine.stream().map(RunningKernel::id).toList());
        for (RunningKernel kernel : mine) {
            String now = runBy.get(kernel.id());
            if (now == null && !restarting.contains(kernel.id())) {
                kernels.remove(kernel.id());
                backend.cleanUp(kernel.handle());
                events.fire(new KernelEvent(KernelEvent.Type.STOPPED, kernel, "it was shut down"));
            } else if (now != null && !now.equals(replica)) {
                kernels.remove(kernel.id());
                remote.put(kernel.id(), kernel);
                events.fire(new KernelEvent(KernelEvent.Type.RELEASED, kernel, null));
            }
        }
        // Kernels other replicas run, that clients here use: stopped, or replaced by a restart (new process, new ports).
        for (RunningKernel kernel : List.copyOf(remote.values())) {
            Optional<RuntimeRecords.Live> live = records.live(kernel.id());
            if (live.isEmpty()) {
                remote.remove(kernel.id());
                events.fire(new KernelEvent(KernelEvent.Type.STOPPED, kernel, null));
            } else if (!live.get().replica().equals(replica)
                    && !live.get().handle().backendRef().equals(kernel.handle().backendRef())) {
                RunningKernel fresh = kernel.withHandle(live.get().handle());
                remote.put(kernel.id(), fresh);
                events.fire(new KernelEvent(KernelEvent.Type.RESTARTED, fresh, null));
            }
        }
        List<String> orphans = records.claimOrphans(replica, replicas.lease());
        adopting.addAll(orphans);
        long beatAt = System.nanoTime();
        for (String id : orphans) {
            try {
                adopt(id);
            } finally {
                adopting.remove(id);
            }
            // Adopting a class's kernels outlasts a lease: this replica must not look dead meanwhile.
            if (System.nanoTime() - beatAt > replicas.heartbeat().toNanos()) {
                records.heartbeat(replica);
                beatAt = System.nanoTime();
            }
        }
        for (String id : records.stuckStarting(STUCK_STARTING)) {
            LOG.infof("runtime %s never finished starting (its replica died meanwhile): closed", id);
            runtimes.lost(id, "the server replica starting it stopped");
        }
    }

    private void adopt(String id) {
        Optional<RuntimeRecords.Live> live = records.live(id);
        RunningKernel kernel = live.flatMap(this::remoteKernel).orElse(null);
        remote.remove(id);
        if (kernel == null || !backend.isAlive(kernel.handle())) {
            LOG.infof("runtime %s lost its replica and its kernel: closed", id);
            runtimes.lost(id, "the server replica running it stopped, and its kernel with it");
            if (kernel != null) {
                events.fire(new KernelEvent(KernelEvent.Type.STOPPED, kernel, "its server replica stopped"));
            }
            return;
        }
        kernels.put(id, kernel);
        runtimes.adopted(id);
        LOG.infof("adopted kernel %s of %s from a replica that died", id, kernel.owner());
        events.fire(new KernelEvent(KernelEvent.Type.ADOPTED, kernel, null));
    }
}
