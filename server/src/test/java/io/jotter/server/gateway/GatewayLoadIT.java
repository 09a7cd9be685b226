package io.jotter.server.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A class's load on the gateway, as issue 19 measured it: 500 WebSocket clients over 20 real Java kernels, each
 * asking for kernel_info once a second. The clients run in a process of their own (src/test/load), so this JVM holds
 * only the server. Not timed (./jotter bench gateway measures the latency): every request gets its reply, no socket
 * is closed, and the server's live heap stays within 100 KB per connection, idle and under the load.
 */
@QuarkusTest
class GatewayLoadIT {
    private static final Logger LOG = Logger.getLogger(GatewayLoadIT.class);
    private static final int KERNELS = 20;
    private static final int CLIENTS = 500;
    private static final int ROUNDS = 10;
    /** Replies may lag on a loaded 2-core machine; none may be missing at the end. */
    private static final long REPLIES_WITHIN_S = 240;
    private static final long HEAP_PER_CONNECTION = 100 * 1024;
    private static final Pattern RESULT = Pattern.compile("sent=(\\d+) replies=(\\d+) not_ok=(\\d+) closed=(\\d+)");

    @TestHTTPResource("/")
    URI base;

    @Test
    void fiveHundredClientsOverTwentyKernelsGetEveryReplyWithBoundedMemory() throws Exception {
        List<String> kernels = startKernels();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String token = ConfigProvider.getConfig().getOptionalValue("jotter.token", String.class).orElse("");
        Process clients = new ProcessBuilder(java, "-Xmx256m", "src/test/load/GatewayLoadClients.java",
                "ws://" + base.getHost() + ":" + base.getPort(), token, String.join(",", kernels),
                String.valueOf(CLIENTS), String.valueOf(ROUNDS), String.valueOf(REPLIES_WITHIN_S))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(clients.getOutputStream(), StandardCharsets.UTF_8)) {
            long heapBefore = liveHeap();
            assertEquals("connected", out.readLine(), "the clients connected");
            long heapIdle = liveHeap();
            in.write("\n");
            in.flush();
            Thread.sleep(ROUNDS * 1000L / 2);
            long heapLoaded = liveHeap();
            String line = out.readLine();
            long heapAfter = liveHeap();
            in.write("\n");
            in.flush();
            LOG.infof("gateway load: %s; server live heap %d MB before, %d MB with %d idle connections, %d MB under"
                    + " load, %d MB after it", line, heapBefore >> 20, heapIdle >> 20, CLIENTS, heapLoaded >> 20,
                    heapAfter >> 20);
            Matcher result = line == null ? null : RESULT.matcher(line);
            assertTrue(result != null && result.matches(), "the clients' result: " + line);
            assertEquals(CLIENTS * ROUNDS, Integer.parseInt(result.group(1)), "every request was sent");
            assertEquals(CLIENTS * ROUNDS, Integer.parseInt(result.group(2)), "every kernel_info_request got its reply");
            assertEquals(0, Integer.parseInt(result.group(3)), "replies are the kernels' own, not refusals");
            assertEquals(0, Integer.parseInt(result.group(4)), "no client is disconnected");
            long perConnection = (Math.max(heapIdle, Math.max(heapLoaded, heapAfter)) - heapBefore) / CLIENTS;
            assertTrue(perConnection <= HEAP_PER_CONNECTION,
                    "server live heap per connection " + perConnection / 1024 + " KB, more than 100 KB");
        } finally {
            if (!clients.waitFor(30, TimeUnit.SECONDS)) {
                clients.destroyForcibly();
            }
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

    /** The server's live heap after a full collection (this test runs in the server's JVM). */
    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
