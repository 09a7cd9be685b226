package io.jotter.scheduler.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.scheduler.runtime.RuntimeRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Warm pods the cluster keeps (not one replica): nobody's runtime until claimed, claimed by one replica only when
 * several try at once, and given back when the account may not have it.
 */
@Timeout(60)
class WarmPodsTest {
    @RegisterExtension
    final MockCluster cluster = new MockCluster();

    @Test
    void aWarmPodIsNobodysRuntimeUntilClaimedAndThenTheAccountsUnderItsOwnId() {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config());
        RuntimeHandle warm = backend.startWarm(warmRequest("warm-1", "gpu-t4"));
        assertEquals("starting", labels(warm).get("jotter.io/warm"));
        assertEquals("unassigned", labels(warm).get("jotter.io/account"));
        // Not a runtime: a reconciler finding it (no record names it) must not stop it, nor its Secret.
        assertEquals(List.of(), backend.discover());
        KubernetesBackend.WarmPod listed = backend.warmPods().get(0);
        assertEquals(List.of("warm-1", "gpu-t4", false, true), List.of(listed.handle().runtimeId(), listed.type(),
                listed.ready(), listed.alive()));
        assertEquals(Optional.empty(), backend.claimWarm("gpu-t4", "ada@example.org"), "its kernel has not answered");

        backend.markReady(warm);
        assertEquals(Optional.empty(), backend.claimWarm("cpu", "ada@example.org"), "another type's");
        RuntimeHandle claimed = backend.claimWarm("gpu-t4", "ada@example.org").orElseThrow();
        assertEquals("warm-1", claimed.runtimeId());
        assertEquals(warm.connection(), claimed.connection());
        assertNull(labels(warm).get("jotter.io/warm"));
        assertEquals(KernelPodSpec.accountLabel("ada@example.org"), labels(warm).get("jotter.io/account"));
        assertEquals(1, cluster.client.pods().inNamespace(MockCluster.NAMESPACE)
                .withLabel("jotter.io/account", KernelPodSpec.accountLabel("ada@example.org")).list().getItems().size());
        assertEquals(Optional.empty(), backend.claimWarm("gpu-t4", "grace@example.org"), "claimed once only");
        assertEquals(List.of(), backend.warmPods());
        assertEquals(List.of("warm-1"), backend.discover().stream().map(RuntimeHandle::runtimeId).toList(),
                "a runtime now, found as if started for the account");
    }

    @Test
    void replicasClaimingAtOnceEachGetADifferentPodAndNoPodTwice() throws Exception {
        KubernetesBackend a = KernelPods.backend(cluster, KernelPods.config());
        KubernetesClient otherClient = cluster.closing(cluster.server.createClient());
        KubernetesBackend b = cluster.closing(new KubernetesBackend(otherClient, KernelPods.config(),
                RuntimeCatalog.defaults(), KernelPodTemplate.bundled(), Clock.systemUTC()));
        for (int i = 0; i < 6; i++) {
            a.markReady(a.startWarm(warmRequest("warm-" + i, "cpu")));
        }
        awaitSeen(b, 6);
        int claimers = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(claimers);
        List<Future<Optional<RuntimeHandle>>> claims = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
            KubernetesBackend replica = i % 2 == 0 ? a : b;
            String account = "student-" + i + "@example.org";
            Callable<Optional<RuntimeHandle>> claim = () -> {
                go.await();
                return replica.claimWarm("cpu", account);
            };
            claims.add(threads.submit(claim));
        }
        go.countDown();
        List<String> won = new ArrayList<>();
        for (Future<Optional<RuntimeHandle>> claim : claims) {
            claim.get().ifPresent(handle -> won.add(handle.runtimeId()));
        }
        threads.shutdown();
        assertEquals(6, won.size(), "every warm pod claimed: " + won);
        assertEquals(6, new HashSet<>(won).size(), "no pod claimed twice: " + won);
        // Each claimed pod carries exactly one account: the one whose claim won it.
        Set<String> accounts = cluster.client.pods().inNamespace(MockCluster.NAMESPACE).list().getItems().stream()
                .map(pod -> pod.getMetadata().getLabels().get("jotter.io/account")).collect(Collectors.toSet());
        assertEquals(6, accounts.size());
        assertFalse(accounts.contains("unassigned"));
        assertEquals(List.of(), a.warmPods());
    }

    @Test
    void aClaimTheAccountMayNotHaveGoesBackReadyAndUnassigned() {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config());
        RuntimeHandle warm = backend.startWarm(warmRequest("warm-1", "cpu"));
        backend.markReady(warm);
        RuntimeHandle claimed = backend.claimWarm("cpu", "ada@example.org").orElseThrow();
        backend.giveBack(claimed);
        assertEquals("ready", labels(warm).get("jotter.io/warm"));
        assertEquals("unassigned", labels(warm).get("jotter.io/account"));
        assertEquals("warm-1", backend.claimWarm("cpu", "grace@example.org").orElseThrow().runtimeId());
    }

    @Test
    void aDeadWarmPodIsNotClaimedAndIsListedAsDead() throws InterruptedException {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config());
        RuntimeHandle warm = backend.startWarm(warmRequest("warm-1", "cpu"));
        backend.markReady(warm);
        cluster.pods.terminate(warm.backendRef(), "OOMKilled", 137);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (backend.isAlive(warm) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(Optional.empty(), backend.claimWarm("cpu", "ada@example.org"));
        assertFalse(backend.warmPods().get(0).alive());
    }

    @Test
    void aWarmPodHasNoSandbox() {
        KubernetesBackend backend = KernelPods.backend(cluster, KernelPods.config());
        assertThrows(IllegalArgumentException.class, () -> backend.startWarm(new RuntimeRequest("warm-1",
                KernelPods.JAVA, Path.of("/"), Map.of("JOTTER_RUNTIME_TYPE", "cpu"),
                new RuntimeRequest.Sandbox("ada@example.org", 1L << 30, 1, 64))));
        assertTrue(cluster.client.pods().inNamespace(MockCluster.NAMESPACE).list().getItems().isEmpty());
    }

    private static void awaitSeen(KubernetesBackend backend, int pods) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (backend.warmPods().stream().filter(KubernetesBackend.WarmPod::alive).count() < pods
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static RuntimeRequest warmRequest(String id, String type) {
        return new RuntimeRequest(id, KernelPods.JAVA, Path.of("/"), Map.of("JOTTER_RUNTIME_TYPE", type), null);
    }

    private Map<String, String> labels(RuntimeHandle handle) {
        Pod pod = cluster.client.pods().inNamespace(MockCluster.NAMESPACE).withName(handle.backendRef()).get();
        return pod.getMetadata().getLabels();
    }
}
