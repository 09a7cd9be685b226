package io.jotter.scheduler.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jotter.kernel.protocol.Channel;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.KernelClient;
import io.jotter.kernel.protocol.Message;
import io.jotter.scheduler.kernelspec.KernelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link RuntimeBackendContract} plus what a real kernel must do behind the backend: answer {@code kernel_info}
 * and run a cell over a {@link KernelClient} on the handle's connection, beat, be interrupted (signal-mode kernels)
 * and stop beating on {@code kill}. For backends whose tests can run a kernel (local processes); the Kubernetes
 * backend's tests have no kubelet, so they run only the base contract.
 */
@Timeout(120)
public abstract class LiveKernelContract extends RuntimeBackendContract {
    private static final Duration KERNEL_INFO_WITHIN = Duration.ofSeconds(60);
    private static final Duration REPLY_WITHIN = Duration.ofSeconds(20);

    /** A cell that prints {@code hello} followed by a newline to stdout. */
    protected abstract String printHello();

    /** A cell that runs for about ten seconds unless interrupted; used only for signal-mode kernels. */
    protected abstract String sleepTenSeconds();

    /** Files that hold the runtime's key and must be gone after {@code cleanUp}. */
    protected abstract List<Path> secretFiles(RuntimeHandle handle);

    @Override
    protected List<String> secretsHeld(RuntimeHandle handle) {
        return secretFiles(handle).stream().filter(Files::exists).map(Path::toString).toList();
    }

    @Override
    protected void awaitStarted(RuntimeHandle started) {
        try (KernelClient client = new KernelClient(started.connection(), "contract")) {
            awaitKernelInfo(client, started);
        }
    }

    @Test
    void startsRunsACellBeatsAndIsGoneAfterKillAndCleanUp() {
        backend = backend(workDir);
        long launched = System.nanoTime();
        handle = backend.start(new RuntimeRequest("contract-1", kernelSpec(), workDir, Map.of("JOTTER_RUNTIME", "contract-1")));
        assertTrue(secretFiles(handle).stream().allMatch(Files::exists), "connection file written");

        try (KernelClient client = new KernelClient(handle.connection(), "contract")) {
            Content.KernelInfoReply info = awaitKernelInfo(client, handle);
            System.out.printf("%s: kernel_info_reply %d ms after start (%s %s)%n", kernelSpec().name(),
                    (System.nanoTime() - launched) / 1_000_000, info.implementation(), info.implementationVersion());
            awaitIopub(client);

            List<Message<?>> output = execute(client, printHello(), "ok");
            assertTrue(output.stream().anyMatch(m -> m.content() instanceof Content.Stream s
                    && "stdout".equals(s.name()) && s.text().contains("hello")), "stream on iopub: " + output);
            assertTrue(client.heartbeat(Duration.ofSeconds(5)), "heartbeat answers");

            if (KernelSpec.SIGNAL.equals(kernelSpec().interruptMode())) {
                interruptsALongCell(client);
            }

            backend.kill(handle);
            awaitDead(backend, handle);
            assertFalse(client.heartbeat(Duration.ofMillis(500)), "heartbeat fails once killed");
        }
        backend.cleanUp(handle);
        for (Path secret : secretFiles(handle)) {
            assertFalse(Files.exists(secret), secret + " removed by cleanUp");
        }
        handle = null;
    }

    private Content.KernelInfoReply awaitKernelInfo(KernelClient client, RuntimeHandle handle) {
        // One request is enough: the DEALER queues it until the kernel binds its shell socket.
        Message<?> request = client.request(Channel.SHELL, new Content.KernelInfoRequest());
        long deadline = System.nanoTime() + KERNEL_INFO_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            Message<?> reply = client.receive(Channel.SHELL, Duration.ofMillis(500));
            if (reply != null && isReplyTo(reply, request)) {
                return assertInstanceOf(Content.KernelInfoReply.class, reply.content());
            }
            if (reply == null && !backend.isAlive(handle)) {
                fail("kernel died before kernel_info_reply; its log:\n" + kernelLog(handle));
            }
        }
        return fail("no kernel_info_reply within " + KERNEL_INFO_WITHIN + "; kernel log:\n" + kernelLog(handle));
    }

    /** A SUB socket misses what is published before its subscription lands: ask until iopub says something. */
    private static void awaitIopub(KernelClient client) {
        for (int i = 0; i < 40; i++) {
            client.request(Channel.SHELL, new Content.KernelInfoRequest());
            if (client.receive(Channel.IOPUB, Duration.ofMillis(250)) != null) {
                while (client.receive(Channel.IOPUB, Duration.ofMillis(200)) != null
                        || client.receive(Channel.SHELL, Duration.ofMillis(50)) != null) {
                    // drain the nudges' replies and statuses
                }
                return;
            }
        }
        fail("nothing on iopub within 10 s");
    }

    private void interruptsALongCell(KernelClient client) {
        Message<?> request = client.request(Channel.SHELL, executeRequest(sleepTenSeconds()));
        awaitIopub(client, request, m -> m.content() instanceof Content.ExecuteInput);
        sleep(Duration.ofMillis(300));
        long interrupted = System.nanoTime();
        backend.interrupt(handle);
        Content.ExecuteReply reply = awaitExecuteReply(client, request);
        assertEquals("error", reply.status(), "interrupted cell");
        assertTrue((System.nanoTime() - interrupted) < Duration.ofSeconds(5).toNanos(), "interrupt took effect before the cell ended");
        awaitIopub(client, request, m -> m.content() instanceof Content.Status s && "idle".equals(s.executionState()));
    }

    private static List<Message<?>> execute(KernelClient client, String code, String expectedStatus) {
        Message<?> request = client.request(Channel.SHELL, executeRequest(code));
        List<Message<?>> output = awaitIopub(client, request,
                m -> m.content() instanceof Content.Status s && "idle".equals(s.executionState()));
        assertEquals(expectedStatus, awaitExecuteReply(client, request).status(), "execute_reply of " + code);
        return output;
    }

    private static Content.ExecuteRequest executeRequest(String code) {
        return new Content.ExecuteRequest(code, false, true, Map.of(), false, true);
    }

    private static Content.ExecuteReply awaitExecuteReply(KernelClient client, Message<?> request) {
        long deadline = System.nanoTime() + REPLY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            Message<?> reply = client.receive(Channel.SHELL, Duration.ofMillis(500));
            if (reply != null && isReplyTo(reply, request)) {
                return assertInstanceOf(Content.ExecuteReply.class, reply.content());
            }
        }
        return fail("no execute_reply within " + REPLY_WITHIN);
    }

    /** The iopub messages caused by a request, up to and including the first that matches {@code last}. */
    private static List<Message<?>> awaitIopub(KernelClient client, Message<?> request,
                                               Predicate<Message<?>> last) {
        List<Message<?>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + REPLY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            Message<?> message = client.receive(Channel.IOPUB, Duration.ofMillis(500));
            if (message != null && isReplyTo(message, request)) {
                seen.add(message);
                if (last.test(message)) {
                    return seen;
                }
            }
        }
        return fail("iopub did not finish " + request.msgType() + " within " + REPLY_WITHIN + "; saw " + seen);
    }

    private static boolean isReplyTo(Message<?> message, Message<?> request) {
        return message.parentHeader() != null && request.header().msgId().equals(message.parentHeader().msgId());
    }
}
