package io.jotter.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jotter.kernel.protocol.Channel;
import io.jotter.kernel.protocol.ConnectionInfo;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.KernelClient;
import io.jotter.kernel.protocol.Message;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jotter_replay_request} against a real kernel process (bin/jotter-kernel on target/lib): asked on
 * control while a cell prints on shell, and after, its answer is what an iopub subscriber saw of that cell.
 */
@Timeout(120)
class ReplayIT {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Ten lines, 150 ms apart: the replay asked after the second must come back before the last. */
    private static final String PRINTS_SLOWLY =
            "for (int i = 0; i < 10; i++) { System.out.println(\"line \" + i); Thread.sleep(150); }";

    @TempDir
    Path work;
    private Process kernel;
    private KernelClient client;
    private Thread subscriber;
    /** Not an interrupt: jeromq answers one in a receive with an exception. */
    private volatile boolean subscribed = true;
    private final List<Message<?>> iopub = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startKernel() throws Exception {
        Path module = Path.of(System.getProperty("user.dir"));
        Path launcher = module.resolve("bin/jotter-kernel");
        if (!Files.isRegularFile(module.resolve("target/lib/jotter-kernel.jar"))) {
            fail("target/lib/jotter-kernel.jar is missing: package first (mvn verify runs this test after it)");
        }
        ConnectionInfo info = connection();
        Path connectionFile = work.resolve("connection.json");
        info.write(connectionFile);
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), connectionFile.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("kernel.log").toFile());
        builder.environment().put("JOTTER_HOME", work.resolve("home").toString());
        builder.environment().put("JPY_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        kernel = builder.start();
        client = new KernelClient(info, "replay-test");
        subscriber = new Thread(() -> {
            while (subscribed) {
                Message<?> message = client.receive(Channel.IOPUB, Duration.ofMillis(100));
                if (message != null) {
                    iopub.add(message);
                }
            }
        }, "iopub-subscriber");
        subscriber.setDaemon(true);
        subscriber.start();
        awaitReady();
    }

    @AfterEach
    void stopKernel() throws Exception {
        if (subscriber != null) {
            subscribed = false;
            subscriber.join(2_000);
        }
        if (client != null) {
            client.close();
        }
        if (kernel != null) {
            kernel.destroy();
            kernel.waitFor();
        }
    }

    @Test
    void replayOnControlWhileACellRunsAndAfterIsWhatIopubPublishedForIt() throws Exception {
        String execute = client.request(Channel.SHELL,
                new Content.ExecuteRequest(PRINTS_SLOWLY, false, true, null, false, true)).header().msgId();
        await(() -> streamsOf(iopub, execute).size() >= 2, "two lines of output on iopub");

        Content.ReplayReply early = replay(Channel.CONTROL, execute);
        List<Message<?>> earlyMessages = early.decoded();
        assertFalse(early.truncated());
        earlyMessages.forEach(m -> assertEquals(execute, m.parentHeader().msgId(), "every message is the cell's"));
        String earlyText = String.join("", streamsOf(earlyMessages, execute));
        assertTrue(earlyText.startsWith("line 0\nline 1\n"), earlyText);
        assertFalse(earlyText.contains("line 9"), "answered while the cell ran: " + earlyText);
        assertFalse(earlyMessages.stream().anyMatch(ReplayIT::isIdle), "the cell was still busy");

        Message<?> done = awaitMessage(Channel.SHELL, m -> execute.equals(m.parentHeader().msgId()));
        assertEquals("ok", assertInstanceOf(Content.ExecuteReply.class, done.content()).status());
        await(() -> iopub.stream().anyMatch(m -> isIdle(m) && execute.equals(m.parentHeader().msgId())),
                "the cell's idle status on iopub");
        List<String> published = msgIdsOf(iopub, execute);
        assertEquals(published.subList(0, earlyMessages.size()), msgIdsOf(earlyMessages, execute),
                "the early replay is what iopub had published by then");

        Content.ReplayReply full = replay(Channel.CONTROL, execute);
        assertEquals(published, msgIdsOf(full.decoded(), execute), "the same messages as iopub, in the same order");
        assertFalse(full.truncated());
        assertEquals(published, msgIdsOf(replay(Channel.SHELL, execute).decoded(), execute), "shell answers the same");

        Content.ReplayReply unknown = replay(Channel.CONTROL, UUID.randomUUID().toString());
        assertEquals(List.of(), unknown.messages());
        assertFalse(unknown.truncated());

        // A request published after the replays flushes iopub up to it: by then no replay may have shown up there.
        String info = client.call(Channel.SHELL, new Content.KernelInfoRequest(), WAIT).parentHeader().msgId();
        await(() -> iopub.stream().anyMatch(m -> isIdle(m) && info.equals(m.parentHeader().msgId())),
                "kernel_info's idle");
        for (Message<?> message : iopub) {
            assertTrue(message.parentHeader() == null
                            || List.of(execute, info).contains(message.parentHeader().msgId()),
                    "iopub carried " + message.msgType() + " for " + message.parentHeader().msgType());
        }
        assertEquals(published, msgIdsOf(iopub, execute), "nothing replayed was published again");
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!kernel.isAlive()) {
                fail("the kernel exited: " + Files.readString(work.resolve("kernel.log")));
            }
            Message<?> reply = client.call(Channel.SHELL, new Content.KernelInfoRequest(), Duration.ofSeconds(2));
            // Ready once iopub is subscribed, too: the kernel_info's own idle came through.
            if (reply != null) {
                String id = reply.parentHeader().msgId();
                long idleBy = System.nanoTime() + 1_000_000_000L;
                while (System.nanoTime() < idleBy) {
                    if (iopub.stream().anyMatch(m -> isIdle(m) && id.equals(m.parentHeader().msgId()))) {
                        iopub.clear();
                        return;
                    }
                    Thread.sleep(20);
                }
            }
        }
        fail("the kernel did not answer kernel_info within " + READY + ": "
                + Files.readString(work.resolve("kernel.log")));
    }

    private Message<?> awaitMessage(Channel channel, Predicate<Message<?>> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Message<?> message = client.receive(channel, Duration.ofMillis(200));
            if (message != null && message.parentHeader() != null && wanted.test(message)) {
                return message;
            }
        }
        return fail("no such message on " + channel.wireName() + " within " + WAIT);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + WAIT + " for " + what);
            }
            Thread.sleep(10);
        }
    }

    private Content.ReplayReply replay(Channel channel, String parentMsgId) {
        Message<?> reply = client.call(channel, new Content.ReplayRequest(List.of(parentMsgId)), WAIT);
        assertNotNull(reply, "no jotter_replay_reply on " + channel.wireName() + " within " + WAIT);
        assertEquals("jotter_replay_reply", reply.msgType());
        Content.ReplayReply content = assertInstanceOf(Content.ReplayReply.class, reply.content());
        assertEquals("ok", content.status());
        return content;
    }

    private static boolean isIdle(Message<?> message) {
        return message.content() instanceof Content.Status status && "idle".equals(status.executionState())
                && message.parentHeader() != null;
    }

    private static List<String> streamsOf(List<Message<?>> messages, String parent) {
        return messages.stream().filter(m -> m.parentHeader() != null && parent.equals(m.parentHeader().msgId()))
                .map(Message::content).filter(Content.Stream.class::isInstance)
                .map(c -> ((Content.Stream) c).text()).toList();
    }

    private static List<String> msgIdsOf(List<Message<?>> messages, String parent) {
        return messages.stream().filter(m -> m.parentHeader() != null && parent.equals(m.parentHeader().msgId()))
                .map(m -> m.header().msgId()).toList();
    }

    private static ConnectionInfo connection() throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                held.add(new ServerSocket(0));
            }
            return new ConnectionInfo("tcp", "127.0.0.1", held.get(0).getLocalPort(), held.get(1).getLocalPort(),
                    held.get(2).getLocalPort(), held.get(3).getLocalPort(), held.get(4).getLocalPort(),
                    UUID.randomUUID().toString(), "hmac-sha256", "jotter-java");
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }
}
