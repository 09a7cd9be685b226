package io.jotter.scheduler.local;

import io.jotter.kernel.protocol.Channel;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.KernelClient;
import io.jotter.kernel.protocol.Message;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Runs cells on a kernel and gathers what a notebook would show: stdout, stderr and the error. */
final class Cells {
    private Cells() {
    }

    /**
     * What one cell produced.
     *
     * @param status the execute_reply's status, or {@code null} when no reply came (the kernel died or hung)
     * @param error {@code ename: evalue} and the traceback, as the notebook shows an error; empty if none
     */
    record Outcome(String status, String stdout, String stderr, String error) {
        String everything() {
            return "status=" + status + "\nstdout=" + stdout + "\nstderr=" + stderr + "\nerror=" + error;
        }
    }

    /** Waits until the kernel answers kernel_info and its iopub reaches this client. */
    static boolean awaitReady(KernelClient client, Duration within, BooleanSupplier alive) {
        if (client.call(Channel.SHELL, new Content.KernelInfoRequest(), within, alive) == null) {
            return false;
        }
        // A SUB socket misses what is published before its subscription lands: ask until iopub says something.
        for (int i = 0; i < 40; i++) {
            client.request(Channel.SHELL, new Content.KernelInfoRequest());
            if (client.receive(Channel.IOPUB, Duration.ofMillis(250)) != null) {
                while (client.receive(Channel.IOPUB, Duration.ofMillis(200)) != null
                        || client.receive(Channel.SHELL, Duration.ofMillis(50)) != null) {
                    // drain the nudges' replies and statuses
                }
                return true;
            }
        }
        return false;
    }

    static Outcome run(KernelClient client, String code, Duration within, BooleanSupplier alive) {
        Message<?> request = client.request(Channel.SHELL,
                new Content.ExecuteRequest(code, false, true, Map.of(), false, true));
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        StringBuilder error = new StringBuilder();
        String status = null;
        boolean idle = false;
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && !(status != null && idle)) {
            Message<?> shell = client.receive(Channel.SHELL, Duration.ofMillis(100));
            if (shell != null && isReplyTo(shell, request) && shell.content() instanceof Content.ExecuteReply reply) {
                status = reply.status();
            }
            Message<?> iopub = client.receive(Channel.IOPUB, Duration.ofMillis(100));
            if (iopub != null && isReplyTo(iopub, request)) {
                if (iopub.content() instanceof Content.Stream s) {
                    ("stdout".equals(s.name()) ? stdout : stderr).append(s.text());
                } else if (iopub.content() instanceof Content.Error e) {
                    error.append(e.ename()).append(": ").append(e.evalue()).append('\n')
                            .append(String.join("\n", e.traceback()));
                } else if (iopub.content() instanceof Content.Status s) {
                    idle |= "idle".equals(s.executionState());
                }
            }
            if (shell == null && iopub == null && !alive.getAsBoolean()) {
                break;
            }
        }
        return new Outcome(status, stdout.toString(), stderr.toString(), error.toString());
    }

    private static boolean isReplyTo(Message<?> message, Message<?> request) {
        return message.parentHeader() != null && request.header().msgId().equals(message.parentHeader().msgId());
    }
}
