package io.jotter.server.jobs;

import io.jotter.kernel.protocol.Channel;
import io.jotter.kernel.protocol.ConnectionInfo;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.KernelClient;
import io.jotter.kernel.protocol.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A job's own conversation with its kernel, as nbclient has one: execute requests on shell, one at a time, and the
 * iopub messages they cause, matched by parent. No browser, no gateway: the kernel's iopub publishes to every
 * subscriber, so a page that connects to the runtime meanwhile sees the same outputs.
 */
final class HeadlessKernel implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    /** The kernel said idle; its execute_reply should follow at once, but is not waited for past this. */
    private static final Duration REPLY_AFTER_IDLE = Duration.ofSeconds(5);

    private final KernelClient client;
    private final Clock clock;

    HeadlessKernel(ConnectionInfo connection, Clock clock) {
        this.client = new KernelClient(connection, "jotter-jobs");
        this.clock = clock;
    }

    /**
     * Waits until this client's iopub subscription receives: a SUB socket misses what is published before it
     * connects, so a kernel_info request is sent until its busy/idle status comes back on iopub.
     *
     * @return whether the kernel answered on both channels within {@code timeout}
     */
    boolean ready(Duration timeout, Supplier<String> stop) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && stop.get() == null) {
            Message<?> request = client.request(Channel.SHELL, new Content.KernelInfoRequest());
            long attemptEnd = Math.min(deadline, System.nanoTime() + Duration.ofSeconds(1).toNanos());
            while (System.nanoTime() < attemptEnd) {
                Message<?> message = client.receive(Channel.IOPUB, POLL);
                if (message != null && answers(message, request)) {
                    drain(Channel.SHELL);
                    return true;
                }
            }
        }
        return false;
    }

    private void drain(Channel channel) {
        while (client.receive(channel, Duration.ofMillis(50)) != null) {
            // replies to the readiness probes
        }
    }

    /**
     * Runs one cell and waits until the kernel is idle again and has replied.
     *
     * @param output every iopub message the cell caused, in order
     * @param stop asked between messages: a reason to stop waiting, or {@code null} to go on
     */
    CellOutcome execute(String code, Consumer<Content> output, Supplier<String> stop) {
        Map<String, Instant> timings = new LinkedHashMap<>();
        Message<?> request = client.request(Channel.SHELL,
                new Content.ExecuteRequest(code, false, true, Map.of(), false, true));
        boolean idle = false;
        Instant idleAt = null;
        Content.ExecuteReply reply = null;
        while (!idle || reply == null) {
            String reason = stop.get();
            if (reason != null) {
                return new CellOutcome("stopped", reason, timings);
            }
            // Once idle, only the reply is missing: wait for it on shell, so its time is recorded as it comes.
            Message<?> message = idle ? null : client.receive(Channel.IOPUB, POLL);
            if (message != null && answers(message, request)) {
                Content content = message.content();
                Instant now = clock.instant();
                if (content instanceof Content.Status status) {
                    timings.putIfAbsent("iopub.status." + status.executionState(), now);
                    idle |= "idle".equals(status.executionState());
                    idleAt = idle && idleAt == null ? now : idleAt;
                } else if (content instanceof Content.ExecuteInput) {
                    timings.putIfAbsent("iopub.execute_input", now);
                }
                output.accept(content);
            }
            if (reply == null) {
                Message<?> shell = client.receive(Channel.SHELL, idle ? POLL : Duration.ZERO);
                if (shell != null && answers(shell, request) && shell.content() instanceof Content.ExecuteReply r) {
                    reply = r;
                    output.accept(r);
                    timings.put("shell.execute_reply", clock.instant());
                }
            }
            if (idle && reply == null && Duration.between(idleAt, clock.instant()).compareTo(REPLY_AFTER_IDLE) > 0) {
                return new CellOutcome("ok", null, timings);
            }
        }
        String error = "error".equals(reply.status()) ? reply.ename() + ": " + reply.evalue() : null;
        return new CellOutcome(reply.status(), error, timings);
    }

    private static boolean answers(Message<?> message, Message<?> request) {
        return message.parentHeader() != null && request.header().msgId().equals(message.parentHeader().msgId());
    }

    @Override
    public void close() {
        client.close();
    }
}
