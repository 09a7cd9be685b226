package io.jotter.server.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jotter.server.kernels.KernelRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A real WebSocket client, through the server, to a real Java kernel. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelChannelsEndpointIT {
    @Inject
    KernelRegistry registry;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/")
    URI base;

    private String kernelId;

    @ClientEndpoint
    public static class Client {
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @OnMessage
        public void onMessage(String text) {
            received.add(text);
        }

        @OnClose
        public void onClose(CloseReason reason) {
            closed.complete(reason);
        }
    }

    @BeforeAll
    void startKernel() {
        kernelId = registry.start("jotter-java", "jotter").id();
    }

    @AfterAll
    void stopKernel() {
        registry.shutdown(kernelId);
    }

    private Session connect(Client client, String id) throws Exception {
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/api/kernels/" + id + "/channels?token=" + io.jotter.server.TestAuth.TOKEN);
        return ContainerProvider.getWebSocketContainer().connectToServer(client, uri);
    }

    private static String executeRequest(String msgId, String code) {
        return """
                {"channel": "shell", "buffers": [], "parent_header": {}, "metadata": {"cellId": "c1"},
                 "header": {"msg_id": "%s", "session": "ws-test", "username": "student", "date": "2026-11-27T10:00:00Z",
                            "msg_type": "execute_request", "version": "5.3"},
                 "content": {"code": "%s", "silent": false, "store_history": true, "user_expressions": {},
                             "allow_stdin": false, "stop_on_error": true}}
                """.formatted(msgId, code);
    }

    /** Messages answering {@code msgId}, until its execute_reply has come and the kernel is idle again. */
    private List<JsonNode> untilDone(Client client, String msgId) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        boolean replied = false;
        boolean idle = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(replied && idle) && System.nanoTime() < deadline) {
            String text = client.received.poll(1, TimeUnit.SECONDS);
            if (text == null) {
                continue;
            }
            JsonNode message = json.readTree(text);
            if (!msgId.equals(message.path("parent_header").path("msg_id").asText())) {
                continue;
            }
            messages.add(message);
            String type = message.path("msg_type").asText();
            replied |= type.equals("execute_reply");
            idle |= type.equals("status") && message.path("content").path("execution_state").asText().equals("idle");
        }
        assertTrue(replied && idle, "execute_reply and idle status arrived: " + messages);
        return messages;
    }

    @Test
    void runsACellAndBringsBackItsOutputOnTheRightChannels() throws Exception {
        Client client = new Client();
        try (Session session = connect(client, kernelId)) {
            String msgId = UUID.randomUUID().toString();
            session.getBasicRemote().sendText(executeRequest(msgId, "System.out.println(20 + 22);"));
            List<JsonNode> messages = untilDone(client, msgId);
            JsonNode stream = messages.stream().filter(m -> m.path("msg_type").asText().equals("stream"))
                    .findFirst().orElseThrow();
            assertEquals("iopub", stream.path("channel").asText());
            assertEquals("42\n", stream.path("content").path("text").asText());
            JsonNode reply = messages.stream().filter(m -> m.path("msg_type").asText().equals("execute_reply"))
                    .findFirst().orElseThrow();
            assertEquals("shell", reply.path("channel").asText());
            assertEquals("ok", reply.path("content").path("status").asText());
        }
    }

    @Test
    void twoConnectionsToOneKernelBothSeeItsOutput() throws Exception {
        Client first = new Client();
        Client second = new Client();
        try (Session one = connect(first, kernelId); Session two = connect(second, kernelId)) {
            Thread.sleep(300); // let both iopub subscriptions reach the kernel before the cell runs
            String msgId = UUID.randomUUID().toString();
            one.getBasicRemote().sendText(executeRequest(msgId, "System.out.println(\\\"to everyone\\\");"));
            untilDone(first, msgId);
            boolean secondSawIt = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!secondSawIt && System.nanoTime() < deadline) {
                String text = second.received.poll(1, TimeUnit.SECONDS);
                secondSawIt = text != null && text.contains("to everyone") && text.contains("\"iopub\"");
            }
            assertTrue(secondSawIt, "the other tab saw the output on iopub");
        }
    }

    @Test
    void anInvalidMessageClosesTheConnectionWithAReason() throws Exception {
        Client client = new Client();
        Session session = connect(client, kernelId);
        session.getBasicRemote().sendText("{\"channel\": \"shell\", \"header\": \"not an object\"}");
        CloseReason reason = client.closed.get(10, TimeUnit.SECONDS);
        assertEquals(CloseReason.CloseCodes.NOT_CONSISTENT.getCode(), reason.getCloseCode().getCode());
        assertTrue(reason.getReasonPhrase().startsWith("invalid message"), reason.getReasonPhrase());
    }

    @Test
    void anUnknownKernelIdIsClosedWithItsOwnCode() throws Exception {
        Client client = new Client();
        connect(client, "no-such-kernel");
        CloseReason reason = client.closed.get(10, TimeUnit.SECONDS);
        assertNotNull(reason);
        assertEquals(KernelChannelsEndpoint.NO_SUCH_KERNEL, reason.getCloseCode().getCode());
    }
}
