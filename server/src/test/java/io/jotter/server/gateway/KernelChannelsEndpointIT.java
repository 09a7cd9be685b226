package io.jotter.server.gateway;

import static io.jotter.server.gateway.KernelSocket.isType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jotter.server.kernels.KernelRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A real WebSocket client, through the server, to a real Java kernel. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelChannelsEndpointIT {
    private static final Duration CELL = Duration.ofSeconds(60);

    @Inject
    KernelRegistry registry;

    @TestHTTPResource("/")
    URI base;

    private String kernelId;

    @BeforeAll
    void startKernel() {
        kernelId = registry.start("jotter-java", "jotter").id();
    }

    @AfterAll
    void stopKernel() {
        registry.shutdown(kernelId);
    }

    private KernelSocket connect() {
        return KernelSocket.connect(base, kernelId, UUID.randomUUID().toString());
    }

    @Test
    void runsACellAndBringsBackItsOutputOnTheRightChannels() throws Exception {
        try (KernelSocket client = connect()) {
            // The headers name another session than the socket's session_id: replies still find the client.
            String msgId = UUID.randomUUID().toString();
            client.send(KernelSocket.executeRequest(msgId, "ws-test", "System.out.println(20 + 22);", "c1"));
            List<JsonNode> messages = client.untilDone(msgId, CELL);
            JsonNode stream = messages.stream().filter(m -> isType(m, "stream")).findFirst().orElseThrow();
            assertEquals("iopub", stream.path("channel").asText());
            assertEquals("42\n", stream.path("content").path("text").asText());
            JsonNode reply = messages.stream().filter(m -> isType(m, "execute_reply")).findFirst().orElseThrow();
            assertEquals("shell", reply.path("channel").asText());
            assertEquals("ok", reply.path("content").path("status").asText());
        }
    }

    @Test
    void twoConnectionsToOneKernelBothSeeItsOutput() throws Exception {
        try (KernelSocket first = connect(); KernelSocket second = connect()) {
            String msgId = first.execute("System.out.println(\"to everyone\");", "c1");
            first.untilDone(msgId, CELL);
            JsonNode seen = second.await(m -> isType(m, "stream")
                    && m.path("content").path("text").asText().contains("to everyone"), Duration.ofSeconds(10));
            assertEquals("iopub", seen.path("channel").asText(), "the other tab saw the output on iopub");
        }
    }

    @Test
    void aRestartWithATabConnectedLeavesAKernelThatRuns() throws Exception {
        String own = registry.start("jotter-java", "jotter").id();
        try (KernelSocket client = KernelSocket.connect(base, own, UUID.randomUUID().toString())) {
            client.untilDone(client.execute("int before = 1;", "c1"), CELL);
            // The watchdog (every second) looks at the kernel while the new process starts: the restart must
            // not end as a death. (This does not force the race the browser test met; it checks the outcome.)
            registry.restart(own);
            Thread.sleep(1500);
            assertEquals("idle", registry.get(own).model().executionState());
            String msgId = client.execute("System.out.println(\"after \" + (6 * 7));", "c2");
            assertEquals("after 42\n", KernelSocket.streamText(client.untilDone(msgId, CELL)));
        } finally {
            registry.shutdown(own);
        }
    }

    @Test
    void anInvalidMessageClosesTheConnectionWithAReason() throws Exception {
        try (KernelSocket client = connect()) {
            client.send("{\"channel\": \"shell\", \"header\": \"not an object\"}");
            assertEquals(1007, client.closedWith.get(10, TimeUnit.SECONDS));
            String reason = client.closeReason.get(10, TimeUnit.SECONDS);
            assertTrue(reason.startsWith("invalid message"), reason);
        }
    }

    @Test
    void anUnknownKernelIdIsClosedWithItsOwnCode() throws Exception {
        try (KernelSocket client = KernelSocket.connect(base, "no-such-kernel", UUID.randomUUID().toString())) {
            assertEquals(KernelChannelsEndpoint.NO_SUCH_KERNEL, client.closedWith.get(10, TimeUnit.SECONDS));
        }
    }
}
