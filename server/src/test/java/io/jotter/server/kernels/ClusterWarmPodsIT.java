package io.jotter.server.kernels;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.jotter.scheduler.kubernetes.KernelPodSpec;
import io.jotter.scheduler.kubernetes.KubernetesBackend;
import io.jotter.scheduler.runtime.RuntimeBackend;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.server.gateway.KernelSocket;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * On Kubernetes the warm pods are the cluster's: the server keeps one ready (its kernel a real process, see
 * {@link MockKubernetes}), a new kernel is that pod, claimed and labelled for its account, a cell runs in it
 * through the kernel WebSocket, and another warm pod takes its place.
 */
@QuarkusTest
@TestProfile(ClusterWarmPodsIT.OneWarmPod.class)
class ClusterWarmPodsIT {
    public static class OneWarmPod implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jotter.kernels.warm-pool", "1", "jotter.kernels.unrecorded-pod-grace", "3s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MockKubernetes.class));
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    RuntimeBackend backend;

    @Test
    void aNewKernelIsTheClustersWarmPodAndAnotherTakesItsPlace() throws Exception {
        // ./jotter bench warm-pods runs more rounds and prints their times; one round is the test.
        int rounds = Integer.getInteger("jotter.bench.warm-pod-rounds", 1);
        List<long[]> times = new ArrayList<>();
        String previous = null;
        for (int round = 0; round < rounds; round++) {
            Pod warm = awaitReadyWarmPod(previous);
            times.add(claimAndRun(warm));
            previous = warm.getMetadata().getName();
        }
        assertEquals(1, warmPods().size(), "the cluster keeps one warm pod, not one per replica or per claim");
        if (rounds > 1) {
            report(times);
        }
    }

    /**
     * A replica that claimed a warm pod and died before admitting it (the claim here is made without a server's
     * admission) leaves a runtime pod with no runtime record: the warm pods' keeper removes it after the grace
     * period, and keeps a warm pod ready meanwhile.
     */
    @Test
    void aPodClaimedButNeverAdmittedIsRemoved() throws Exception {
        Pod warm = awaitReadyWarmPod(null);
        String type = warm.getMetadata().getLabels().get(KernelPodSpec.RUNTIME_TYPE_LABEL);
        RuntimeHandle claimed = ((KubernetesBackend) backend).claimWarm(type, "someone").orElseThrow();
        String name = claimed.backendRef();
        assertNull(pod(name).getMetadata().getLabels().get(KernelPodSpec.WARM_LABEL), "claimed");
        assertTrue(awaitGone(name), "the pod no replica admitted is removed");
        awaitReadyWarmPod(name);
    }

    /** Asks for a kernel, runs a cell in it, stops it; returns ms to the kernel's 201 and to the cell's output. */
    private long[] claimAndRun(Pod warm) throws Exception {
        long asked = System.nanoTime();
        String id = given().contentType(ContentType.JSON).body("{\"name\": \"jotter-java\"}")
                .when().post("/api/kernels").then().statusCode(201).extract().path("id");
        long started = System.nanoTime();
        String output;
        try (KernelSocket socket = KernelSocket.connect(base, id, "warm-pod-test")) {
            String msgId = socket.execute("System.out.println(6 * 7);", "cell-1");
            output = KernelSocket.streamText(socket.untilDone(msgId, Duration.ofSeconds(60)));
        }
        long answered = System.nanoTime();
        assertEquals(runtimeId(warm), id, "the kernel is the pod that was waiting");
        assertEquals("42\n", output);
        Map<String, String> labels = pod(warm.getMetadata().getName()).getMetadata().getLabels();
        assertNull(labels.get("jotter.io/warm"), "claimed: no longer warm");
        assertNotEquals("unassigned", labels.get("jotter.io/account"));

        Pod next = awaitReadyWarmPod(warm.getMetadata().getName());
        assertNotEquals(warm.getMetadata().getName(), next.getMetadata().getName());
        given().when().delete("/api/kernels/" + id).then().statusCode(204);
        assertTrue(awaitGone(warm.getMetadata().getName()), "the stopped kernel's pod is deleted");
        return new long[] {(started - asked) / 1_000_000, (answered - asked) / 1_000_000};
    }

    private static void report(List<long[]> times) {
        System.out.printf("round 1 (the server's first request): kernel %d ms, first output %d ms%n",
                times.get(0)[0], times.get(0)[1]);
        for (int column = 0; column < 2; column++) {
            int c = column;
            long[] sorted = times.stream().skip(1).mapToLong(t -> t[c]).sorted().toArray();
            System.out.printf("rounds 2-%d, %s: p50 %d ms, p99 %d ms, max %d ms%n", times.size(),
                    c == 0 ? "request to the kernel's 201 (claimed, admitted, recorded)"
                            : "request to the first cell's output through the WebSocket",
                    sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.99) - 1],
                    sorted[sorted.length - 1]);
        }
    }

    private static List<Pod> warmPods() {
        return MockKubernetes.client.pods().inNamespace(MockKubernetes.NAMESPACE).withLabel("jotter.io/warm").list()
                .getItems();
    }

    private static Pod awaitReadyWarmPod(String other) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Pod> ready = warmPods().stream()
                    .filter(p -> "ready".equals(p.getMetadata().getLabels().get("jotter.io/warm")))
                    .filter(p -> !p.getMetadata().getName().equals(other)).findFirst();
            if (ready.isPresent()) {
                return ready.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no ready warm pod within 90 s: " + warmPods());
    }

    private static boolean awaitGone(String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (pod(name) == null) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static Pod pod(String name) {
        return MockKubernetes.client.pods().inNamespace(MockKubernetes.NAMESPACE).withName(name).get();
    }

    private static String runtimeId(Pod pod) {
        return pod.getMetadata().getAnnotations().get("jotter.io/runtime-id");
    }
}
