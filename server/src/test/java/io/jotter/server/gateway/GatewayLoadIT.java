package io.jotter.server.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A class's load on the gateway, as issue 19 measured it: 500 WebSocket clients over 20 real Java kernels, each
 * asking for kernel_info once a second. Not timed (./jotter bench gateway measures the latency): every request gets
 * its reply, no socket is closed, and the live heap stays within 200 KB per connection, this test's own clients included.
 */
@QuarkusTest
class GatewayLoadIT {
    private static final Logger LOG = Logger.getLogger(GatewayLoadIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KERNELS = 20;
    private static final int CLIENTS = 500;
    private static final int ROUNDS = 10;
    /** Replies may lag on a loaded 2-core machine; none may be missing at the end. */
    private static final long REPLIES_WITHIN_S = 240;
    /** The server's and this test's own client side together (./jotter bench gateway measures the server alone). */
    private static final long HEAP_PER_CONNECTION = 200 * 1024;

    @TestHTTPResource("/")
    URI base;

    @Test
    void fiveHundredClientsOverTwentyKernelsGetEveryReplyWithBoundedMemory() throws Exception {
        List<String> kernels = startKernels();
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Boolean> unanswered = new ConcurrentHashMap<>();
        AtomicInteger replies = new AtomicInteger();
        AtomicInteger notOk = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        List<WebSocket> sockets = new ArrayList<>();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        try {
            long heapBefore = liveHeap();
            for (int i = 0; i < CLIENTS; i++) {
                sockets.add(open(http, kernels.get(i % KERNELS), new Counting(unanswered, replies, notOk, closed)));
            }
            long heapConnected = liveHeap();
            Random random = new Random(19);
            List<String> sessions = new ArrayList<>();
            sockets.forEach(socket -> sessions.add(UUID.randomUUID().toString()));
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                WebSocket socket = sockets.get(i);
                String session = sessions.get(i);
                long phase = random.nextInt(1000);
                for (int round = 0; round < ROUNDS; round++) {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    sent.add(done);
                    clock.schedule(() -> {
                        String msgId = UUID.randomUUID().toString();
                        unanswered.put(msgId, true);
                        // One send at a time per socket (the JDK client refuses overlapping sends).
                        synchronized (socket) {
                            socket.sendText(KernelSocket.kernelInfoRequest(msgId, session), true).join();
                        }
                        done.complete(null);
                    }, phase + round * 1000L, TimeUnit.MILLISECONDS);
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(ROUNDS + 120, TimeUnit.SECONDS);
            long heapLoaded = liveHeap();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REPLIES_WITHIN_S);
            while (!unanswered.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            LOG.infof("gateway load: %d requests, %d replies, %d unanswered; live heap %d MB before, %d MB with %d"
                            + " idle connections, %d MB under load", CLIENTS * ROUNDS, replies.get(), unanswered.size(),
                    heapBefore >> 20, heapConnected >> 20, CLIENTS, heapLoaded >> 20);
            assertEquals(0, unanswered.size(), "every kernel_info_request gets its reply");
            assertEquals(CLIENTS * ROUNDS, replies.get(), "one reply per request");
            assertEquals(0, notOk.get(), "replies are the kernels' own, not refusals");
            assertEquals(0, closed.get(), "no client is disconnected");
            long perConnection = (Math.max(heapConnected, heapLoaded) - heapBefore) / CLIENTS;
            assertTrue(perConnection <= HEAP_PER_CONNECTION, "live heap per connection (with this test's own"
                    + " client side) " + perConnection / 1024 + " KB, more than 200 KB");
        } finally {
            clock.shutdownNow();
            sockets.forEach(WebSocket::abort);
            kernels.forEach(id -> given().when().delete("/api/kernels/{id}", id));
        }
    }

    private List<String> startKernels() throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<String>> started = new ArrayList<>();
            for (int i = 0; i < KERNELS; i++) {
                started.add(CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                        .body("{\"name\": \"jotter-java\"}").when().post("/api/kernels")
                        .then().statusCode(201).extract().<String>path("id"), starters));
            }
            List<String> ids = new ArrayList<>();
            for (CompletableFuture<String> id : started) {
                ids.add(id.get(300, TimeUnit.SECONDS));
            }
            return ids;
        } finally {
            starters.shutdown();
        }
    }

    private WebSocket open(HttpClient http, String kernelId, WebSocket.Listener listener) {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        ConfigProvider.getConfig().getOptionalValue("jotter.token", String.class)
                .ifPresent(token -> builder.header("Authorization", "token " + token));
        return builder.buildAsync(URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/api/kernels/"
                + kernelId + "/channels?session_id=" + UUID.randomUUID()), listener).join();
    }

    /** The server's live heap after a full collection (this test runs in the server's JVM). */
    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Counts the replies to this test's requests; statuses and other output are read past unparsed. */
    private static final class Counting implements WebSocket.Listener {
        private final Map<String, Boolean> unanswered;
        private final AtomicInteger replies;
        private final AtomicInteger notOk;
        private final AtomicInteger closed;
        private final StringBuilder partial = new StringBuilder();

        Counting(Map<String, Boolean> unanswered, AtomicInteger replies, AtomicInteger notOk, AtomicInteger closed) {
            this.unanswered = unanswered;
            this.replies = replies;
            this.notOk = notOk;
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.startsWith("{\"channel\":\"shell\"")) {
                    counted(text);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void counted(String text) {
            try {
                JsonNode reply = JSON.readTree(text);
                if (unanswered.remove(reply.path("parent_header").path("msg_id").asText()) != null) {
                    replies.incrementAndGet();
                    if (!"ok".equals(reply.path("content").path("status").asText())) {
                        notOk.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                notOk.incrementAndGet();
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.incrementAndGet();
            return null;
        }
    }
}
