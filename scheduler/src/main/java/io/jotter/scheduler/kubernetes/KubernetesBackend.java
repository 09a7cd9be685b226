package io.jotter.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.jotter.kernel.protocol.ConnectionInfo;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.pool.catalog.RuntimeType;
import io.jotter.pool.catalog.UnknownRuntimeTypeException;
import io.jotter.scheduler.kubernetes.KernelPodState.Phase;
import io.jotter.scheduler.runtime.RuntimeBackend;
import io.jotter.scheduler.runtime.RuntimeBackendException;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.scheduler.runtime.RuntimeRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs each kernel in a pod of its own, in one namespace. {@link #start} creates the runtime's Secret (connection
 * file and secret environment) and its pod from the kernel pod template, then waits, within
 * {@link KubernetesBackendConfig#startTimeout()}, until the watch sees the pod run, and returns a handle whose
 * connection is the pod's IP and the fixed ports {@value #FIRST_PORT} to {@value #FIRST_PORT}+4. A pod that cannot be
 * scheduled or whose image cannot be pulled fails the start at once, with the reason, and is removed.
 *
 * <p>The runtime type comes from the request's {@value #RUNTIME_TYPE_ENV} variable (the server sets it), or the
 * configured default. Its accelerator kind picks the image ({@link KernelImage#imageFor}) and the NVIDIA container
 * runtime's variables ({@link AcceleratorEnvironment}). The handle's {@code backendRef} is the pod's name.
 * {@link #isAlive} reads the watch's memory.
 *
 * <p>Close it to stop the watch; it does not close the client.
 */
public final class KubernetesBackend implements RuntimeBackend, AutoCloseable {
    /** The variable of a request naming its runtime type. */
    public static final String RUNTIME_TYPE_ENV = "JOTTER_RUNTIME_TYPE";
    /** The shell port; iopub, stdin, control and heartbeat follow. */
    public static final int FIRST_PORT = 5555;
    /** The device plugin gives the pod its own devices; the server's local device numbers mean nothing there. */
    private static final List<String> LOCAL_ONLY_ENV = List.of("CUDA_VISIBLE_DEVICES");
    private static final Duration GONE_SLACK = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final KubernetesBackendConfig config;
    private final RuntimeCatalog catalog;
    private final Pod template;
    private final Clock clock;
    private final PodPhaseWatcher watcher;
    private final SecureRandom random = new SecureRandom();

    /**
     * Starts watching the namespace's kernel pods of this installation; returns once the first list is in.
     *
     * @param template the kernel pod template ({@link KernelPodTemplate#bundled()} or a mounted copy)
     * @param clock stamps {@link RuntimeHandle#startedAt()} and states
     */
    public KubernetesBackend(KubernetesClient client, KubernetesBackendConfig config, RuntimeCatalog catalog,
                             Pod template, Clock clock) {
        KernelPodSpec.checkTemplate(template);
        this.client = client;
        this.config = config;
        this.catalog = catalog;
        this.template = template;
        this.clock = clock;
        this.watcher = new PodPhaseWatcher(client, config.namespace(), selector(), clock);
    }

    /** The labels every kernel pod and Secret of this installation carries. */
    public Map<String, String> selector() {
        return Map.of(KernelPodSpec.APP_LABEL, KernelPodSpec.APP, KernelPodSpec.INSTANCE_LABEL, config.instance());
    }

    @Override
    public RuntimeHandle start(RuntimeRequest request) {
        return start(request, false);
    }

    /**
     * Starts a warm pod: a kernel nobody holds yet (the request has no sandbox), labelled
     * {@value KernelPodSpec#WARM_LABEL}={@value KernelPodSpec#WARM_STARTING} until {@link #markReady}, and left out
     * of {@link #discover}, since no replica's record names it. Returns once the pod runs.
     */
    public RuntimeHandle startWarm(RuntimeRequest request) {
        if (request.isolation().isPresent()) {
            throw new IllegalArgumentException("a warm pod belongs to nobody: it has no sandbox");
        }
        return start(request, true);
    }

    private RuntimeHandle start(RuntimeRequest request, boolean warm) {
        KernelPodSpec spec = podSpec(request);
        ConnectionInfo inPod = newConnection(request.kernelSpec().name());
        Map<String, String> secretEnv = new HashMap<>(request.env());
        LOCAL_ONLY_ENV.forEach(secretEnv::remove);
        secretEnv.remove(RUNTIME_TYPE_ENV);
        AcceleratorEnvironment.NAMES.forEach(secretEnv::remove); // plain in the pod spec, from the type
        KernelSecret secret = new KernelSecret(spec.podName(), inPod, secretEnv);
        spec = new KernelPodSpec(spec.runtimeId(), spec.kernelSpec(), spec.type(), spec.image(), spec.account(),
                spec.milliCpus(), spec.memoryBytes(), spec.instance(), spec.plainEnv(), secretEnv.keySet(),
                spec.startedAt());
        try {
            Secret created = client.secrets().inNamespace(config.namespace())
                    .resource(secret.toSecret(spec.labels(), spec.annotations())).create();
            Pod toCreate = spec.toPod(template);
            if (warm) {
                toCreate.getMetadata().getLabels().put(KernelPodSpec.WARM_LABEL, KernelPodSpec.WARM_STARTING);
            }
            Pod pod = client.pods().inNamespace(config.namespace()).resource(toCreate).create();
            client.secrets().inNamespace(config.namespace()).resource(KernelSecret.ownedBy(created, pod)).update();
            KernelPodState state = awaitStarted(spec, pod);
            return new RuntimeHandle(request.runtimeId(), at(inPod, state.podIp()), spec.podName(), spec.startedAt());
        } catch (RuntimeException e) {
            remove(spec.runtimeId(), spec.podName(), Duration.ZERO);
            if (e instanceof RuntimeBackendException) {
                throw e;
            }
            throw new RuntimeBackendException("could not start kernel " + request.kernelSpec().name()
                    + " for runtime " + request.runtimeId() + ": " + e.getMessage(), e);
        }
    }

    private KernelPodSpec podSpec(RuntimeRequest request) {
        String typeName = request.env().getOrDefault(RUNTIME_TYPE_ENV, config.defaultRuntimeType());
        RuntimeType type;
        try {
            type = catalog.get(typeName);
        } catch (UnknownRuntimeTypeException e) {
            throw new RuntimeBackendException(e.getMessage(), e);
        }
        KernelImage image = config.images().get(request.kernelSpec().name());
        if (image == null) {
            throw new RuntimeBackendException("kernel spec " + request.kernelSpec().name() + " has no image for"
                    + " Kubernetes; configure one (offered: " + config.images().keySet() + ")", null);
        }
        Optional<RuntimeRequest.Sandbox> sandbox = request.isolation();
        int milliCpus = sandbox.filter(s -> s.cpus() > 0).map(s -> (int) Math.ceil(s.cpus() * 1000))
                .orElse(type.milliCpus());
        long memory = sandbox.map(RuntimeRequest.Sandbox::memoryBytes).orElse(type.memoryMiB() << 20);
        Map<String, String> plainEnv = new LinkedHashMap<>(request.kernelSpec().env());
        plainEnv.put(RUNTIME_TYPE_ENV, type.name());
        AcceleratorEnvironment.NAMES.forEach(plainEnv::remove);
        plainEnv.putAll(AcceleratorEnvironment.of(type, request.env()));
        return new KernelPodSpec(request.runtimeId(), request.kernelSpec().name(), type, image,
                sandbox.map(RuntimeRequest.Sandbox::account).orElse(null), milliCpus, memory, config.instance(),
                plainEnv, java.util.Set.of(), clock.instant());
    }

    private KernelPodState awaitStarted(KernelPodSpec spec, Pod pod) {
        String uid = pod.getMetadata().getUid();
        Optional<KernelPodState> settled;
        try {
            settled = watcher.await(spec.runtimeId(), s -> (uid == null || uid.equals(s.podUid())) && settled(s),
                    config.startTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelPodFailedException("interrupted while runtime " + spec.runtimeId() + " started", null);
        }
        if (settled.isEmpty()) {
            KernelPodState last = watcher.state(spec.runtimeId()).orElse(null);
            throw new KernelPodFailedException("The runtime did not start within "
                    + config.startTimeout().toSeconds() + " s" + (last == null ? "." : ": " + last.reason()), last);
        }
        KernelPodState state = settled.get();
        if (state.phase() != Phase.RUNNING || state.podIp() == null) {
            throw new KernelPodFailedException(state.reason().isEmpty() ? "The runtime stopped while starting."
                    : state.reason(), state);
        }
        return state;
    }

    /** Whether {@code start} may stop waiting: the pod runs, or will not. */
    private boolean settled(KernelPodState state) {
        return switch (state.phase()) {
            case RUNNING -> state.podIp() != null;
            case PENDING -> false;
            case UNSCHEDULABLE -> !Duration.between(state.since(), clock.instant()).minus(config.unschedulableGrace())
                    .isNegative();
            case STUCK, FAILED, DELETED -> true;
        };
    }

    private ConnectionInfo newConnection(String kernelName) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        // The kernel binds every interface of its pod; the server dials the pod's IP.
        return new ConnectionInfo("tcp", "0.0.0.0", FIRST_PORT, FIRST_PORT + 1, FIRST_PORT + 2, FIRST_PORT + 3,
                FIRST_PORT + 4, HexFormat.of().formatHex(key), "hmac-sha256", kernelName);
    }

    private static ConnectionInfo at(ConnectionInfo connection, String ip) {
        return new ConnectionInfo(connection.transport(), ip, connection.shellPort(), connection.iopubPort(),
                connection.stdinPort(), connection.controlPort(), connection.hbPort(), connection.key(),
                connection.signatureScheme(), connection.kernelName());
    }

    @Override
    public boolean isAlive(RuntimeHandle handle) {
        return watcher.state(handle.runtimeId()).map(s -> s.phase().isAlive()).orElse(false);
    }

    /** Why the pod's kernel ended, as the watch last saw it: an OOM kill, a GPU runtime without a usable GPU. */
    @Override
    public Optional<String> whyEnded(RuntimeHandle handle) {
        return watcher.state(handle.runtimeId()).filter(s -> s.phase() == KernelPodState.Phase.FAILED)
                .map(KernelPodState::reason).filter(reason -> !reason.isBlank());
    }

    /** The runtime's pod state as the watch last saw it, for the runtime panel. */
    public Optional<KernelPodState> state(RuntimeHandle handle) {
        return watcher.state(handle.runtimeId());
    }

    /** Calls {@code listener} on every change of a runtime's pod state, on the watch's thread; keep it short. */
    public void onStateChange(Consumer<KernelPodState> listener) {
        watcher.onChange(listener);
    }

    /**
     * Sends SIGINT to the kernel, the container's first process, through the API server's exec (the Role grants
     * {@code pods/exec}). Kernel images should prefer {@code interrupt_mode: message}, which needs none of this.
     */
    @Override
    public void interrupt(RuntimeHandle handle) {
        if (!isAlive(handle)) {
            return;
        }
        try (ExecWatch exec = client.pods().inNamespace(config.namespace()).withName(handle.backendRef())
                .inContainer(KernelPodSpec.CONTAINER).exec("kill", "-INT", "1")) {
            exec.exitCode().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new RuntimeBackendException("could not interrupt runtime " + handle.runtimeId(), e);
        }
    }

    /** Deletes the pod with the configured grace period and waits until it is gone. */
    @Override
    public void kill(RuntimeHandle handle) {
        String podName = podNameOf(handle);
        client.pods().inNamespace(config.namespace()).withName(podName)
                .withGracePeriod(config.killGrace().toSeconds()).delete();
        awaitGone(handle.runtimeId(), config.killGrace().plus(GONE_SLACK));
    }

    private void awaitGone(String runtimeId, Duration within) {
        if (watcher.isGone(runtimeId)) {
            return;
        }
        try {
            watcher.await(runtimeId, s -> watcher.isGone(runtimeId), within);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes what is left of the runtime: its pod (at once) and its Secret, which holds the key. */
    @Override
    public void cleanUp(RuntimeHandle handle) {
        remove(handle.runtimeId(), podNameOf(handle), Duration.ZERO);
    }

    private void remove(String runtimeId, String podName, Duration grace) {
        try {
            client.pods().inNamespace(config.namespace()).withName(podName).withGracePeriod(grace.toSeconds())
                    .delete();
        } finally {
            client.secrets().inNamespace(config.namespace()).withName(podName).delete();
            watcher.forget(runtimeId);
        }
    }

    private static String podNameOf(RuntimeHandle handle) {
        return handle.backendRef() == null || handle.backendRef().isEmpty()
                ? KernelPodSpec.podName(handle.runtimeId()) : handle.backendRef();
    }

    /**
     * This installation's kernel pods and Secrets, by runtime: a Secret without its pod is found too (a server died
     * between creating the two). Where both are there, the handle's connection reaches the kernel again (the pod's
     * IP and the Secret's key), so a reconciler may adopt the runtime instead of stopping it. Warm pods and their
     * Secrets are not among them: they are nobody's runtime yet ({@link #warmPods} lists them).
     */
    @Override
    public List<RuntimeHandle> discover() {
        Map<String, Pod> pods = new LinkedHashMap<>();
        Set<String> warm = new HashSet<>();
        for (Pod pod : client.pods().inNamespace(config.namespace()).withLabels(selector()).list().getItems()) {
            if (isWarm(pod)) {
                warm.add(PodStates.runtimeId(pod));
            } else {
                pods.put(PodStates.runtimeId(pod), pod);
            }
        }
        Map<String, Secret> secrets = secretsByRuntime();
        secrets.keySet().removeAll(warm);
        List<RuntimeHandle> found = new ArrayList<>();
        for (Map.Entry<String, Pod> entry : pods.entrySet()) {
            found.add(handleOf(entry.getValue(), secrets.remove(entry.getKey())));
        }
        secrets.forEach((runtimeId, secret) -> found.add(new RuntimeHandle(runtimeId, null,
                secret.getMetadata().getName(), startedAt(secret))));
        return found;
    }

    /** The kernels' Secrets, by runtime id: one list. */
    private Map<String, Secret> secretsByRuntime() {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (Secret secret : client.secrets().inNamespace(config.namespace()).withLabels(selector()).list()
                .getItems()) {
            secrets.put(runtimeIdOf(secret), secret);
        }
        return secrets;
    }

    private static String runtimeIdOf(Secret secret) {
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        String id = annotations == null ? null : annotations.get(KernelPodSpec.RUNTIME_ID_ANNOTATION);
        Map<String, String> labels = secret.getMetadata().getLabels();
        return id != null ? id : labels != null && labels.containsKey(KernelPodSpec.RUNTIME_ID_LABEL)
                ? labels.get(KernelPodSpec.RUNTIME_ID_LABEL) : secret.getMetadata().getName();
    }

    private Instant startedAt(HasMetadata resource) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        try {
            if (annotations != null && annotations.containsKey(KernelPodSpec.STARTED_AT_ANNOTATION)) {
                return Instant.parse(annotations.get(KernelPodSpec.STARTED_AT_ANNOTATION));
            }
            if (resource.getMetadata().getCreationTimestamp() != null) {
                return Instant.parse(resource.getMetadata().getCreationTimestamp());
            }
        } catch (DateTimeParseException ignored) {
            // fall through: a hand-edited annotation is no reason to lose the runtime
        }
        return clock.instant();
    }

    private static boolean isWarm(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && labels.containsKey(KernelPodSpec.WARM_LABEL);
    }

    /** A warm pod as {@link #warmPods} lists it: its handle, type, whether its kernel answered, and is alive. */
    public record WarmPod(RuntimeHandle handle, String type, boolean ready, boolean alive) {
    }

    /** This installation's warm pods, claimed ones not among them; their handles' connections may be null. */
    public List<WarmPod> warmPods() {
        List<Pod> pods = client.pods().inNamespace(config.namespace()).withLabels(selector())
                .withLabel(KernelPodSpec.WARM_LABEL).list().getItems();
        List<WarmPod> warm = new ArrayList<>();
        // One list of the Secrets, not a read of each pod's: the warm pods' keeper looks every 2 s.
        Map<String, Secret> secrets = pods.isEmpty() ? Map.of() : secretsByRuntime();
        for (Pod pod : pods) {
            RuntimeHandle handle = handleOf(pod, secrets.get(PodStates.runtimeId(pod)));
            warm.add(new WarmPod(handle, pod.getMetadata().getLabels().get(KernelPodSpec.RUNTIME_TYPE_LABEL),
                    KernelPodSpec.WARM_READY.equals(pod.getMetadata().getLabels().get(KernelPodSpec.WARM_LABEL)),
                    pod.getMetadata().getDeletionTimestamp() == null && isAlive(handle)));
        }
        return warm;
    }

    private RuntimeHandle handleOf(Pod pod) {
        return handleOf(pod, client.secrets().inNamespace(config.namespace()).withName(pod.getMetadata().getName())
                .get());
    }

    /** The pod's runtime; its connection (the pod's IP and the Secret's key) only where both are there. */
    private RuntimeHandle handleOf(Pod pod, Secret secret) {
        ConnectionInfo connection = secret == null ? null : KernelSecret.connectionOf(secret);
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        return new RuntimeHandle(PodStates.runtimeId(pod), connection == null || ip == null || ip.isEmpty() ? null
                : at(connection, ip), pod.getMetadata().getName(), startedAt(pod));
    }

    /** The warm pod's kernel answered: it may be claimed now. */
    public void markReady(RuntimeHandle handle) {
        relabel(handle, labels -> labels.put(KernelPodSpec.WARM_LABEL, KernelPodSpec.WARM_READY));
    }

    /**
     * Claims a ready warm pod of the type for an account, atomically across replicas: the pod's labels are
     * replaced on the condition that its resource version is still the one read, so of two replicas claiming the
     * same pod one wins and the other, refused with a conflict, tries the next. The pod loses its warm label and
     * is labelled as the account's, so it is found by label as if started for it; its runtime id is the pod's.
     *
     * @return the claimed pod's handle, or empty when no ready warm pod of the type is left
     */
    public Optional<RuntimeHandle> claimWarm(String type, String account) {
        List<Pod> ready = new ArrayList<>(client.pods().inNamespace(config.namespace()).withLabels(selector())
                .withLabel(KernelPodSpec.WARM_LABEL, KernelPodSpec.WARM_READY)
                .withLabel(KernelPodSpec.RUNTIME_TYPE_LABEL, type).list().getItems());
        // Replicas claiming at once start from different pods, so fewer of them collide.
        Collections.shuffle(ready, random);
        for (Pod pod : ready) {
            RuntimeHandle handle = handleOf(pod);
            if (handle.connection() == null || pod.getMetadata().getDeletionTimestamp() != null || !isAlive(handle)) {
                continue;
            }
            pod.getMetadata().getLabels().remove(KernelPodSpec.WARM_LABEL);
            pod.getMetadata().getLabels().put(KernelPodSpec.ACCOUNT_LABEL, KernelPodSpec.accountLabel(account));
            pod.getMetadata().getAnnotations().put(KernelPodSpec.CLAIMED_AT_ANNOTATION, clock.instant().toString());
            try {
                client.pods().inNamespace(config.namespace()).resource(pod)
                        .lockResourceVersion(pod.getMetadata().getResourceVersion()).update();
                return Optional.of(handle);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 && e.getCode() != 404) {
                    throw new RuntimeBackendException("could not claim warm pod " + pod.getMetadata().getName()
                            + ": " + e.getMessage(), e);
                }
                // Another replica claimed it first, or it is gone: the next one.
            }
        }
        return Optional.empty();
    }

    /** A claimed warm pod its account could not have (its admission was refused) is warm and ready again. */
    public void giveBack(RuntimeHandle handle) {
        relabel(handle, labels -> {
            labels.put(KernelPodSpec.WARM_LABEL, KernelPodSpec.WARM_READY);
            labels.put(KernelPodSpec.ACCOUNT_LABEL, KernelPodSpec.UNASSIGNED);
        });
    }

    private void relabel(RuntimeHandle handle, Consumer<Map<String, String>> change) {
        try {
            client.pods().inNamespace(config.namespace()).withName(podNameOf(handle)).edit(pod -> {
                change.accept(pod.getMetadata().getLabels());
                return pod;
            });
        } catch (KubernetesClientException e) {
            throw new RuntimeBackendException("could not relabel runtime " + handle.runtimeId() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        watcher.close();
    }
}
