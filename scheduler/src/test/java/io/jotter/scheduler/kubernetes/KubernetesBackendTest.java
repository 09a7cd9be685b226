package io.jotter.scheduler.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jotter.kernel.protocol.ConnectionInfo;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.kubernetes.KernelPodState.Phase;
import io.jotter.scheduler.kubernetes.PodSimulator.Outcome;
import io.jotter.scheduler.runtime.RuntimeBackendException;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.scheduler.runtime.RuntimeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the Kubernetes backend does beyond the contract: the pod it makes, the watch, failing fast, reconciling. */
@Timeout(60)
class KubernetesBackendTest {
    private static final String TOKEN = "files-token-0123456789";

    @RegisterExtension
    final MockCluster cluster = new MockCluster();

    @Test
    void aGpuRuntimesPodHasItsTypesResourcesPlacementAndNoSecretInItsSpec() {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config());
        RuntimeHandle handle = backend.start(request("gpu-1", Map.of("JOTTER_RUNTIME_TYPE", "gpu-t4",
                "JOTTER_FILES_TOKEN", TOKEN, "CUDA_VISIBLE_DEVICES", "3"), RuntimeRequest.Sandbox.of("ada@example.org", 16L << 30)));

        Pod pod = pod(handle);
        Map<String, String> labels = pod.getMetadata().getLabels();
        assertEquals("jotter-kernel", labels.get("app.kubernetes.io/name"));
        assertEquals("gpu-1", labels.get("jotter.io/runtime-id"));
        assertEquals("gpu-t4", labels.get("jotter.io/runtime-type"));
        assertEquals(KernelPodSpec.accountLabel("ada@example.org"), labels.get("jotter.io/account"));
        assertFalse(labels.get("jotter.io/account").contains("ada"), "the account is hashed in its label");
        assertEquals("gpu-1", pod.getMetadata().getAnnotations().get("jotter.io/runtime-id"));
        assertEquals(Map.of("cloud.google.com/gke-accelerator", "nvidia-tesla-t4"), pod.getSpec().getNodeSelector());
        assertTrue(pod.getSpec().getTolerations().stream().anyMatch(t -> "nvidia.com/gpu".equals(t.getKey())
                && "Exists".equals(t.getOperator()) && "NoSchedule".equals(t.getEffect())));

        Container kernel = pod.getSpec().getContainers().get(0);
        assertEquals("ghcr.io/jotter/kernel-gpu:test", kernel.getImage(), "TensorFlow's GPU build and CUDA");
        assertEquals(List.of("/opt/jotter/bin/jotter-kernel", "/var/run/jotter/kernel.json"), kernel.getCommand());
        assertEquals(new Quantity("1"), kernel.getResources().getLimits().get("nvidia.com/gpu"));
        assertEquals(new Quantity("1"), kernel.getResources().getRequests().get("nvidia.com/gpu"));
        assertEquals(new Quantity("4000m"), kernel.getResources().getLimits().get("cpu"));
        assertEquals(Quantity.getAmountInBytes(new Quantity("16Gi")),
                Quantity.getAmountInBytes(kernel.getResources().getLimits().get("memory")), "the sandbox's memory");
        EnvVar token = kernel.getEnv().stream().filter(e -> e.getName().equals("JOTTER_FILES_TOKEN")).findFirst()
                .orElseThrow();
        assertNull(token.getValue(), "the token is not in the pod spec");
        assertEquals(KernelPodSpec.podName("gpu-1"), token.getValueFrom().getSecretKeyRef().getName());
        assertTrue(kernel.getEnv().stream().noneMatch(e -> e.getName().equals("CUDA_VISIBLE_DEVICES")),
                "the device plugin picks the GPU, not the server's local numbering");
        String spec = new KubernetesSerialization().asYaml(pod);
        assertFalse(spec.contains(TOKEN) || spec.contains(handle.connection().key()), "no secret in the pod:\n" + spec);

        Secret secret = cluster.client.secrets().inNamespace(MockCluster.NAMESPACE).withName(handle.backendRef()).get();
        ConnectionInfo inPod = KernelSecret.connectionOf(secret);
        assertEquals("0.0.0.0", inPod.ip(), "the kernel listens on the pod's interfaces");
        assertEquals(handle.connection().key(), inPod.key());
        assertEquals(pod.getStatus().getPodIP(), handle.connection().ip(), "the server dials the pod's IP");
        assertEquals(5555, handle.connection().shellPort());
        assertEquals("Pod", secret.getMetadata().getOwnerReferences().get(0).getKind(), "the Secret goes with its pod");
        assertEquals(pod.getMetadata().getName(), secret.getMetadata().getOwnerReferences().get(0).getName());
    }

    @Test
    void aGpuPodRunsTheGpuImageWithTheDriverAndOnlyTheDevicePluginsGpu() {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config());
        // What the server's environment may hold; the pod's own values win, and none of them is secret.
        Container kernel = pod(backend.start(request("gpu-env", Map.of("JOTTER_RUNTIME_TYPE", "gpu-l4",
                "NVIDIA_VISIBLE_DEVICES", "all", "CUDA_VISIBLE_DEVICES", "0"), null))).getSpec().getContainers().get(0);
        assertEquals("ghcr.io/jotter/kernel-gpu:test", kernel.getImage());
        assertEquals(new Quantity("1"), kernel.getResources().getLimits().get("nvidia.com/gpu"));
        assertEquals(Map.of("JOTTER_RUNTIME_TYPE", "gpu-l4", "JOTTER_ACCELERATOR", "gpu",
                "NVIDIA_DRIVER_CAPABILITIES", "compute,utility"), plainEnv(kernel));
        assertTrue(kernel.getEnv().stream().noneMatch(e -> e.getName().equals("NVIDIA_VISIBLE_DEVICES")),
                "the device plugin names the allocated GPU: " + kernel.getEnv());
    }

    @Test
    void aCpuPodRunsTheCpuImageAndSeesNoGpuOfItsNode() {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config());
        Container kernel = pod(backend.start(request("cpu-env", Map.of("JOTTER_RUNTIME_TYPE", "cpu",
                "JOTTER_ACCELERATOR", "cpu", "JOTTER_FILES_TOKEN", TOKEN), null))).getSpec().getContainers().get(0);
        assertEquals("ghcr.io/jotter/kernel:test", kernel.getImage());
        assertEquals(Map.of("JOTTER_RUNTIME_TYPE", "cpu", "JOTTER_ACCELERATOR", "cpu", "NVIDIA_VISIBLE_DEVICES", "void"),
                plainEnv(kernel));
        assertTrue(kernel.getResources().getLimits().keySet().stream().noneMatch(r -> r.contains("gpu")));
        assertEquals(List.of("JOTTER_FILES_TOKEN"), kernel.getEnv().stream().filter(e -> e.getValueFrom() != null)
                .map(EnvVar::getName).toList(), "the secret environment keeps only what is secret");
    }

    @Test
    void aConfiguredTpuTypesPodHasItsChipAndTheKernelImageWithoutAnImageOfItsOwn() {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config(),
                RuntimeCatalog.defaults().with(List.of(KernelPods.TPU)));
        Pod pod = pod(backend.start(request("tpu-1", Map.of("JOTTER_RUNTIME_TYPE", "tpu-v5e-1"), null)));
        Container kernel = pod.getSpec().getContainers().get(0);
        assertEquals("ghcr.io/jotter/kernel:test", kernel.getImage());
        assertEquals(new Quantity("1"), kernel.getResources().getLimits().get("google.com/tpu"));
        assertEquals(Map.of("JOTTER_RUNTIME_TYPE", "tpu-v5e-1", "JOTTER_ACCELERATOR", "tpu",
                "NVIDIA_VISIBLE_DEVICES", "void"), plainEnv(kernel));
        assertTrue(pod.getSpec().getTolerations().stream().anyMatch(t -> "google.com/tpu".equals(t.getKey())));
    }

    @Test
    void theWatchDrivesTheStateFromPendingToRunningToFailedToDeleted() {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config());
        List<KernelPodState> seen = new CopyOnWriteArrayList<>();
        backend.onStateChange(seen::add);
        RuntimeHandle handle = backend.start(request("watched", Map.of(), null));
        assertEquals(Phase.RUNNING, backend.state(handle).orElseThrow().phase());
        assertEquals(Phase.PENDING, seen.get(0).phase(), "pending first: " + seen);
        assertTrue(seen.stream().anyMatch(s -> s.reason().startsWith("Starting the kernel")), seen.toString());

        cluster.pods.terminate(handle.backendRef(), "OOMKilled", 137);
        awaitPhase(backend, handle, Phase.FAILED);
        assertEquals("The kernel ran out of its memory limit and was stopped.", backend.state(handle).orElseThrow().reason());
        assertFalse(backend.isAlive(handle));

        cluster.client.pods().inNamespace(MockCluster.NAMESPACE).withName(handle.backendRef()).delete();
        awaitPhase(backend, handle, Phase.DELETED);
        backend.cleanUp(handle);
        assertTrue(cluster.client.secrets().inNamespace(MockCluster.NAMESPACE).list().getItems().isEmpty());
    }

    @Test
    void aGpuPodWhoseKernelFindsNoGpuSaysWhyFromItsTerminationMessage() {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config());
        RuntimeHandle handle = backend.start(request("no-driver", Map.of(), null));
        assertEquals(Optional.empty(), backend.whyEnded(handle), "it runs");
        cluster.pods.terminate(handle.backendRef(), "Error", 3, "no usable GPU: the NVIDIA driver (libcuda.so.1) is"
                + " not installed on this machine, or not mounted into the kernel's container");
        awaitPhase(backend, handle, Phase.FAILED);
        assertEquals(Optional.of("This GPU runtime found no usable GPU, so it did not start (nothing was charged): the"
                + " NVIDIA driver (libcuda.so.1) is not installed on this machine, or not mounted into the kernel's"
                + " container."), backend.whyEnded(handle));
    }

    @Test
    void anUnschedulableRuntimeFailsAtOnceWithTheSchedulersReasonAndLeavesNothing() {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config());
        cluster.pods.will("no-room", Outcome.UNSCHEDULABLE);
        long began = System.nanoTime();
        KernelPodFailedException failed = assertThrows(KernelPodFailedException.class,
                () -> backend.start(request("no-room", Map.of("JOTTER_RUNTIME_TYPE", "gpu-t4"), null)));
        assertTrue(Duration.ofNanos(System.nanoTime() - began).compareTo(Duration.ofSeconds(10)) < 0,
                "no waiting out the five-minute start timeout");
        assertEquals(Phase.UNSCHEDULABLE, failed.state().phase());
        assertTrue(failed.getMessage().contains(PodSimulator.NO_ROOM), failed.getMessage());
        assertNothingLeft();
    }

    @Test
    void anImageThatCannotBePulledFailsAtOnceAndLeavesNothing() {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config());
        cluster.pods.will("bad-image", Outcome.IMAGE_PULL_BACK_OFF);
        KernelPodFailedException failed = assertThrows(KernelPodFailedException.class,
                () -> backend.start(request("bad-image", Map.of(), null)));
        assertEquals(Phase.STUCK, failed.state().phase());
        assertTrue(failed.getMessage().startsWith("The kernel image could not be pulled (ImagePullBackOff)"),
                failed.getMessage());
        assertNothingLeft();
    }

    @Test
    void withAnUnschedulableGraceARuntimeWaitsForANewNode() {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config(Duration.ofSeconds(30),
                Duration.ofSeconds(20)));
        cluster.pods.will("autoscaled", Outcome.UNSCHEDULABLE_THEN_RUNS);
        RuntimeHandle handle = backend.start(request("autoscaled", Map.of(), null));
        assertTrue(backend.isAlive(handle));
        assertNotNull(handle.connection().ip());
    }

    @Test
    void aPodThatDoesNotRunWithinTheStartTimeoutIsRemoved() {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config(Duration.ofMillis(1500),
                Duration.ZERO));
        cluster.pods.will("slow", Outcome.STAYS_PENDING);
        KernelPodFailedException failed = assertThrows(KernelPodFailedException.class,
                () -> backend.start(request("slow", Map.of(), null)));
        assertTrue(failed.getMessage().startsWith("The runtime did not start within 1 s"), failed.getMessage());
        assertNothingLeft();
    }

    @Test
    void anUnknownRuntimeTypeOrAKernelWithoutAnImageCreatesNothing() {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config());
        assertThrows(RuntimeBackendException.class,
                () -> backend.start(request("odd", Map.of("JOTTER_RUNTIME_TYPE", "quantum"), null)));
        assertThrows(RuntimeBackendException.class, () -> backend.start(new RuntimeRequest("py",
                new KernelSpec("python3", List.of("python3"), "Python 3", "python", null, Map.of(), null),
                Path.of("/"), Map.of())));
        assertNothingLeft();
    }

    @Test
    void afterARestartPodsWithARecordAreAdoptedAndTheRestSettled() {
        KubernetesBackend before = KernelPods.backend(cluster, KernelPods.config());
        RuntimeHandle kept = before.start(request("kept", Map.of(), null));
        RuntimeHandle orphan = before.start(request("orphan", Map.of(), null));
        // A server that died between creating a runtime's Secret and its pod.
        cluster.client.secrets().inNamespace(MockCluster.NAMESPACE).resource(new KernelSecret(
                KernelPodSpec.podName("half"), kept.connection(), Map.of()).toSecret(Map.of(KernelPodSpec.APP_LABEL,
                KernelPodSpec.APP, KernelPodSpec.INSTANCE_LABEL, "test", KernelPodSpec.RUNTIME_ID_LABEL, "half"),
                Map.of())).create();
        // Another installation's kernel in the same namespace is none of ours.
        KubernetesBackend other = KernelPods.backend(cluster, new KubernetesBackendConfig(MockCluster.NAMESPACE,
                "other", KernelPods.config().images(), "cpu", Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO));
        RuntimeHandle theirs = other.start(request("theirs", Map.of(), null));
        before.close();

        // The reconciler of the restarted server: records say "kept" runs; everything else is settled.
        KubernetesBackend after = KernelPods.backend(cluster, KernelPods.config());
        Set<String> recorded = Set.of("kept", "lost-in-between");
        List<RuntimeHandle> found = after.discover();
        assertEquals(Set.of("kept", "orphan", "half"), found.stream().map(RuntimeHandle::runtimeId)
                .collect(Collectors.toSet()));
        for (RuntimeHandle handle : found) {
            if (recorded.contains(handle.runtimeId()) && handle.connection() != null && after.isAlive(handle)) {
                assertEquals(kept.connection(), handle.connection(), "the kernel is reachable again");
                assertEquals(kept.startedAt(), handle.startedAt(), "metering keeps its start");
            } else {
                after.kill(handle);
                after.cleanUp(handle);
            }
        }
        assertFalse(found.stream().anyMatch(h -> h.runtimeId().equals("half") && h.connection() != null));
        assertEquals(Set.of(KernelPodSpec.podName("kept"), KernelPodSpec.podName("theirs")), names(
                cluster.client.pods().inNamespace(MockCluster.NAMESPACE).list().getItems()));
        assertEquals(Set.of(KernelPodSpec.podName("kept"), KernelPodSpec.podName("theirs")), names(
                cluster.client.secrets().inNamespace(MockCluster.NAMESPACE).list().getItems()));
        assertFalse(after.isAlive(orphan));
        assertTrue(after.isAlive(kept));
        assertTrue(other.isAlive(theirs));
    }

    private static RuntimeRequest request(String id, Map<String, String> env, RuntimeRequest.Sandbox sandbox) {
        return new RuntimeRequest(id, KernelPods.JAVA, Path.of("/"), env, sandbox);
    }

    /** The variables the backend gave the container a value for in the pod spec: not the template's, not secret. */
    private static Map<String, String> plainEnv(Container kernel) {
        Set<String> template = KernelPodTemplate.bundled().getSpec().getContainers().get(0).getEnv().stream()
                .map(EnvVar::getName).collect(Collectors.toSet());
        return kernel.getEnv().stream().filter(e -> e.getValueFrom() == null && !template.contains(e.getName()))
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private Pod pod(RuntimeHandle handle) {
        return cluster.client.pods().inNamespace(MockCluster.NAMESPACE).withName(handle.backendRef()).get();
    }

    private void assertNothingLeft() {
        assertEquals(List.of(), cluster.client.pods().inNamespace(MockCluster.NAMESPACE).list().getItems());
        assertEquals(List.of(), cluster.client.secrets().inNamespace(MockCluster.NAMESPACE).list().getItems());
    }

    private static Set<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> resources) {
        return resources.stream().map(r -> r.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static void awaitPhase(KubernetesBackend backend, RuntimeHandle handle, Phase phase) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (backend.state(handle).map(KernelPodState::phase).orElse(null) != phase) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + phase + " within 10 s: " + backend.state(handle));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
