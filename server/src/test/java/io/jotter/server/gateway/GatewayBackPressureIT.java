package io.jotter.server.gateway;

import static io.jotter.server.gateway.KernelSocket.isStatus;
import static io.jotter.server.gateway.KernelSocket.isType;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a kernel's other clients see of one client's requests, and what a client is told when a kernel has more
 * requests waiting than the gateway queues for it (three, here).
 */
@QuarkusTest
@TestProfile(GatewayBackPressureIT.ThreeWaiting.class)
class GatewayBackPressureIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    public static class ThreeWaiting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jotter.gateway.max-waiting-requests", "3");
        }
    }

    @TestHTTPResource("/")
    URI base;

    private final List<String> kernels = new ArrayList<>();

    /**
     * Stops this test's kernels, from inside the test (in an {@code @AfterEach} the server answers 401: the test's
     * token is not sent there), so none is left running with its connection file in the shared runtime folder, which
     * WarmKernelsIT would take for a warm kernel.
     */
    private void stopKernels() {
        kernels.forEach(id -> given().when().delete("/api/kernels/{id}", id).then().statusCode(204));
        kernels.clear();
    }

    private String kernel() {
        String id = given().contentType(ContentType.JSON).body("{\"name\": \"jotter-java\"}").when().post("/api/kernels")
                .then().statusCode(201).extract().path("id");
        kernels.add(id);
        return id;
    }

    /** Everything that arrives within {@code quiet}. */
    private static List<JsonNode> drain(KernelSocket socket, Duration quiet) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        JsonNode message;
        while ((message = socket.received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            seen.add(message);
        }
        return seen;
    }

    private static boolean answers(JsonNode message, String msgId) {
        return msgId.equals(message.path("parent_header").path("msg_id").asText());
    }

    @Test
    void anotherTabsKernelInfoIsNotShownButItsCellRunIs() throws Exception {
        try {
            String kernelId = kernel();
            try (KernelSocket asker = KernelSocket.connect(base, kernelId, UUID.randomUUID().toString());
                 KernelSocket other = KernelSocket.connect(base, kernelId, UUID.randomUUID().toString())) {
                String info = UUID.randomUUID().toString();
                asker.send(KernelSocket.kernelInfoRequest(info, asker.sessionId));
                // Shell and iopub are two streams: the reply and the idle arrive in either order.
                boolean[] replied = {false};
                boolean[] idle = {false};
                List<JsonNode> asked = asker.until(info, m -> {
                    replied[0] |= isType(m, "kernel_info_reply");
                    idle[0] |= isStatus(m, "idle");
                    return replied[0] && idle[0];
                }, WAIT);
                assertTrue(asked.stream().anyMatch(m -> isType(m, "kernel_info_reply")), "the asker gets its reply");
                assertTrue(asked.stream().anyMatch(m -> isStatus(m, "busy")), "and the busy before it");
                String run = asker.execute("1 + 1", "c1");
                asker.untilDone(run, WAIT);
                List<JsonNode> seen = other.until(run, m -> isStatus(m, "idle"), WAIT);
                assertTrue(seen.stream().anyMatch(m -> isStatus(m, "busy")), "a cell's run shows busy in every tab");
                assertTrue(drain(other, Duration.ofMillis(500)).stream().noneMatch(m -> answers(m, info)),
                        "the other tab saw nothing of the kernel_info (its kernel indicator does not flicker)");
            }
        } finally {
            stopKernels();
        }
    }

    @Test
    void requestsBeyondTheWaitingLimitAreRefusedAtOnceWithAReason() throws Exception {
        try {
            String kernelId = kernel();
            try (KernelSocket client = KernelSocket.connect(base, kernelId, UUID.randomUUID().toString())) {
                String run = client.execute("Thread.sleep(4000); \"slept\"", "c1");
                client.until(run, m -> isStatus(m, "busy"), WAIT);
                // The kernel answers is_complete (it asks JShell) after the cell: these wait; beyond the third, refused.
                List<String> infos = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    String msgId = UUID.randomUUID().toString();
                    infos.add(msgId);
                    client.send(KernelSocket.shellRequest(msgId, client.sessionId, "is_complete_request", Map.of("code", "1")));
                }
                Map<String, String> replies = new java.util.HashMap<>();
                List<JsonNode> seen = new ArrayList<>();
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (replies.size() < infos.size() && System.nanoTime() < deadline) {
                    JsonNode message = client.received.poll(200, TimeUnit.MILLISECONDS);
                    if (message == null) {
                        continue;
                    }
                    seen.add(message);
                    if (isType(message, "is_complete_reply")) {
                        replies.put(message.path("parent_header").path("msg_id").asText(),
                                message.path("content").path("status").asText() + ":"
                                        + message.path("content").path("ename").asText(""));
                    }
                }
                assertEquals(List.of("complete:", "complete:", "error:KernelBusy", "error:KernelBusy", "error:KernelBusy"),
                        infos.stream().map(replies::get).toList(),
                        "two wait behind the cell and are answered; the three beyond the limit are refused");
                assertTrue(seen.stream().anyMatch(m -> isType(m, "stream") && answers(m, infos.get(2))
                        && m.path("content").path("text").asText().contains("requests waiting")),
                        "the refusal says why, in the client's output");
                client.received.addAll(seen);
                List<JsonNode> done = client.untilDone(run, WAIT);
                assertTrue(done.stream().anyMatch(m -> m.path("content").path("data").path("text/plain").asText()
                        .contains("slept")), "the cell itself ran on");
            }
        } finally {
            stopKernels();
        }
    }
}
