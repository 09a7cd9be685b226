package io.jotter.server.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A test's client of the kernel WebSocket, on the JDK's own WebSocket client (no frame-size limit of its
 * own, so the server's limit is what a test meets). Collects what arrives; messages split over frames
 * are joined.
 */
public final class KernelSocket implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    final CompletableFuture<String> closeReason = new CompletableFuture<>();
    final String sessionId;
    private final WebSocket socket;

    private KernelSocket(URI base, String kernelId, String sessionId) {
        this.sessionId = sessionId;
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        ConfigProvider.getConfig().getOptionalValue("jotter.token", String.class)
                .ifPresent(token -> builder.header("Authorization", "token " + token));
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/api/kernels/" + kernelId
                + "/channels?session_id=" + sessionId);
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static KernelSocket connect(URI base, String kernelId, String sessionId) {
        return new KernelSocket(base, kernelId, sessionId);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException("the server sent something that is not JSON", e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith.complete(statusCode);
            closeReason.complete(reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedWith.completeExceptionally(error);
            closeReason.completeExceptionally(error);
        }
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    /** Sends an execute_request for a notebook cell, as JupyterLab does; returns its msg_id. */
    public String execute(String code, String cellId) {
        String msgId = java.util.UUID.randomUUID().toString();
        send(executeRequest(msgId, sessionId, code, cellId));
        return msgId;
    }

    static String executeRequest(String msgId, String session, String code, String cellId) {
        var message = JSON.createObjectNode();
        message.put("channel", "shell");
        message.putArray("buffers");
        message.putObject("parent_header");
        message.putObject("metadata").put("cellId", cellId);
        message.putObject("header").put("msg_id", msgId).put("session", session).put("username", "student")
                .put("date", "2026-11-27T10:00:00Z").put("msg_type", "execute_request").put("version", "5.3");
        message.putObject("content").put("code", code).put("silent", false).put("store_history", true)
                .put("allow_stdin", false).put("stop_on_error", true).putObject("user_expressions");
        return message.toString();
    }

    /** A kernel_info_request on shell, as a client sends it on connecting. */
    static String kernelInfoRequest(String msgId, String session) {
        return shellRequest(msgId, session, "kernel_info_request", java.util.Map.of());
    }

    /** A request on shell of {@code msgType}, with {@code content}. */
    static String shellRequest(String msgId, String session, String msgType, java.util.Map<String, ?> content) {
        var message = JSON.createObjectNode();
        message.put("channel", "shell");
        message.putArray("buffers");
        message.putObject("parent_header");
        message.putObject("metadata");
        message.putObject("header").put("msg_id", msgId).put("session", session).put("username", "student")
                .put("date", "2026-12-06T10:00:00Z").put("msg_type", msgType).put("version", "5.3");
        message.set("content", JSON.valueToTree(content));
        return message.toString();
    }

    /** A widget's comm_msg from a view in cell {@code cellId}, as Jotter's page sends it; returns its msg_id. */
    String commMessage(String commId, java.util.Map<String, ?> data, String cellId) {
        String msgId = java.util.UUID.randomUUID().toString();
        var message = (com.fasterxml.jackson.databind.node.ObjectNode) readTree(shellRequest(msgId, sessionId, "comm_msg",
                java.util.Map.of("comm_id", commId, "data", data)));
        message.with("metadata").put("cellId", cellId);
        send(message.toString());
        return msgId;
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages answering {@code msgId}, until one matches {@code last}; fails after {@code timeout}. */
    List<JsonNode> until(String msgId, Predicate<JsonNode> last, Duration timeout) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = received.poll(200, TimeUnit.MILLISECONDS);
            if (message == null || !msgId.equals(message.path("parent_header").path("msg_id").asText())) {
                continue;
            }
            seen.add(message);
            if (last.test(message)) {
                return seen;
            }
        }
        assertTrue(false, "no match for " + msgId + " within " + timeout + "; saw " + seen);
        return seen;
    }

    /** Messages answering {@code msgId}, until its execute_reply has come and the kernel is idle again. */
    public List<JsonNode> untilDone(String msgId, Duration timeout) throws InterruptedException {
        boolean[] replied = {false};
        boolean[] idle = {false};
        return until(msgId, m -> {
            replied[0] |= isType(m, "execute_reply");
            idle[0] |= isStatus(m, "idle");
            return replied[0] && idle[0];
        }, timeout);
    }

    /** Waits for a message, whatever it answers. */
    JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = received.poll(200, TimeUnit.MILLISECONDS);
            if (message != null && wanted.test(message)) {
                return message;
            }
        }
        throw new AssertionError("nothing wanted arrived within " + timeout);
    }

    static boolean isType(JsonNode message, String type) {
        return type.equals(message.path("msg_type").asText());
    }

    static boolean isStatus(JsonNode message, String state) {
        return isType(message, "status") && state.equals(message.path("content").path("execution_state").asText());
    }

    public static String streamText(List<JsonNode> messages) {
        StringBuilder text = new StringBuilder();
        messages.stream().filter(m -> isType(m, "stream")).forEach(m -> text.append(m.path("content").path("text").asText()));
        return text.toString();
    }

    @Override
    public void close() {
        // The server may have closed first: the JDK client then answers its close frame by itself, and our
        // own close can meet an output already closed. Either way the socket ends closed.
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").handle((sent, error) -> null).join();
        socket.abort();
    }
}
