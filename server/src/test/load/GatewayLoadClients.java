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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clients of GatewayLoadIT, in a process of their own so that the server's JVM holds only the server: WebSockets
 * spread over the kernels, each sending a kernel_info_request a second, counting the replies. JDK classes only (the
 * test runs it with {@code java GatewayLoadClients.java}).
 *
 * <p>Arguments: WS_BASE (ws://host:port) TOKEN KERNEL_ID,KERNEL_ID,... CLIENTS ROUNDS WAIT_S. Prints "connected" once
 * every socket is open and then waits for a line on stdin before sending; at the end, one line
 * {@code sent=N replies=N not_ok=N closed=N}, and it keeps the sockets open until a second line on stdin.
 */
public class GatewayLoadClients {
    private static final Pattern PARENT = Pattern.compile("\"parent_header\":\\{[^}]*\"msg_id\":\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"content\":\\{.*?\"status\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        String[] kernels = args[2].split(",");
        int clients = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        long waitS = Long.parseLong(args[5]);
        Map<String, Boolean> unanswered = new ConcurrentHashMap<>();
        AtomicInteger replies = new AtomicInteger();
        AtomicInteger notOk = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            WebSocket.Builder builder = http.newWebSocketBuilder();
            if (!token.isEmpty()) {
                builder.header("Authorization", "token " + token);
            }
            URI uri = URI.create(base + "/api/kernels/" + kernels[i % kernels.length] + "/channels?session_id="
                    + UUID.randomUUID());
            sockets.add(builder.buildAsync(uri, new Counting(unanswered, replies, notOk, closed)).join());
        }
        System.out.println("connected");
        System.out.flush();
        System.in.read();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        Random random = new Random(19);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (WebSocket socket : sockets) {
            String session = UUID.randomUUID().toString();
            long phase = random.nextInt(1000);
            for (int round = 0; round < rounds; round++) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                sent.add(done);
                clock.schedule(() -> {
                    String msgId = UUID.randomUUID().toString();
                    unanswered.put(msgId, true);
                    // One send at a time per socket (the JDK client refuses overlapping sends).
                    synchronized (socket) {
                        socket.sendText(kernelInfoRequest(msgId, session), true).join();
                    }
                    done.complete(null);
                }, phase + round * 1000L, TimeUnit.MILLISECONDS);
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(rounds + 120L, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitS);
        while (!unanswered.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.out.println("sent=" + sent.size() + " replies=" + replies.get() + " not_ok=" + notOk.get()
                + " closed=" + closed.get());
        System.out.flush();
        System.in.read();
        clock.shutdownNow();
        sockets.forEach(WebSocket::abort);
        System.exit(0);
    }

    static String kernelInfoRequest(String msgId, String session) {
        return "{\"channel\":\"shell\",\"header\":{\"msg_id\":\"" + msgId + "\",\"session\":\"" + session
                + "\",\"username\":\"student\",\"date\":\"2026-12-06T10:00:00Z\",\"msg_type\":\"kernel_info_request\","
                + "\"version\":\"5.3\"},\"parent_header\":{},\"metadata\":{},\"content\":{},\"buffers\":[]}";
    }

    /** Counts the replies to these requests; statuses and other output are read past. */
    static final class Counting implements WebSocket.Listener {
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
            Matcher parent = PARENT.matcher(text);
            if (parent.find() && unanswered.remove(parent.group(1)) != null) {
                replies.incrementAndGet();
                Matcher status = STATUS.matcher(text);
                if (!status.find() || !"ok".equals(status.group(1))) {
                    notOk.incrementAndGet();
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.incrementAndGet();
            return null;
        }
    }
}
