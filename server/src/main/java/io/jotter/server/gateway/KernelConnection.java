package io.jotter.server.gateway;

import io.jotter.kernel.protocol.Channel;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Header;
import io.jotter.kernel.protocol.KernelBridge;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.protocol.WebSocketMessages;
import io.jotter.server.kernels.RunningKernel;
import io.jotter.server.outputs.CellOutputs;
import io.micrometer.core.instrument.Counter;
import jakarta.websocket.CloseReason;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server's one link to one kernel, shared by every client of that kernel: one set of ZeroMQ
 * sockets however many tabs are open. Output on iopub goes to every client; a reply goes to the client
 * whose session sent the request. What a client misses while it is away is kept for it (see
 * {@link ReplayBuffer}), every message updates the kernel's activity, and cell outputs go to the
 * stored notebook as they arrive.
 */
final class KernelConnection {
    /** Output that the rate limit applies to, as in Jupyter Server: not statuses, not execute_input. */
    private static final Set<String> RATE_LIMITED = Set.of("stream", "display_data", "execute_result", "error",
            "update_display_data");

    private final GatewayConfig config;
    private final CellOutputs outputs;
    private final Clock clock;
    private final Counter toKernel;
    private final Counter toClients;
    private final List<ClientLink> clients = new ArrayList<>();
    private final Map<String, ReplayBuffer> away = new HashMap<>();
    private volatile RunningKernel kernel;
    private volatile KernelBridge bridge;

    KernelConnection(RunningKernel kernel, GatewayConfig config, CellOutputs outputs, Clock clock,
                     Counter toKernel, Counter toClients) {
        this.kernel = kernel;
        this.config = config;
        this.outputs = outputs;
        this.clock = clock;
        this.toKernel = toKernel;
        this.toClients = toClients;
        this.bridge = new KernelBridge(kernel.handle().connection(), this::fromKernel);
    }

    /** A client connected: it receives what it missed while away, then everything new. */
    synchronized void attach(ClientLink client) {
        ReplayBuffer missed = away.remove(client.sessionId());
        if (missed != null) {
            away.values().removeIf(buffer -> buffer == missed);
            if (missed.lost() > 0) {
                client.send(Notices.stderr(null, "Jotter: " + missed.lost() + " messages sent while you were away"
                        + " did not fit in the replay buffer; the saved notebook has every cell's output.\n"));
            }
            missed.messages().forEach(client::send);
        }
        clients.add(client);
        kernel.activity().connected();
        forgetLongGone();
    }

    /** A client went away: what the kernel says to its session from now on is kept for it. */
    synchronized void detach(ClientLink client) {
        if (!clients.remove(client)) {
            return;
        }
        kernel.activity().disconnected();
        if (clients.stream().noneMatch(c -> c.sessionId().equals(client.sessionId()))) {
            ReplayBuffer buffer = new ReplayBuffer(clock.instant(), config.replayMaxBytes());
            client.sessions().forEach(session -> away.put(session, buffer));
        }
    }

    /** A message from a client, parsed; it leaves on the bridge's I/O thread, in order. */
    void toKernel(ClientLink client, WebSocketMessages.Routed routed) {
        Message<?> message = routed.message();
        client.sentUnder(message.header().session());
        if (message.content() instanceof Content.ExecuteRequest) {
            outputs.requested(kernel, message);
        }
        kernel.activity().touched(clock.instant());
        toKernel.increment();
        bridge.send(routed.channel(), message);
    }

    /** On the bridge's I/O thread. */
    private void fromKernel(Channel channel, Message<?> message) {
        Instant now = clock.instant();
        if (channel == Channel.IOPUB && message.content() instanceof Content.Status status) {
            kernel.activity().stateReported(status.executionState(), now);
        } else {
            kernel.activity().touched(now);
        }
        outputs.received(message);
        if (channel == Channel.IOPUB && message.metadata() != null) {
            // So that every tab of the notebook, not only the one that ran the cell, can show the run
            // in the right cell (iopub messages name only the request, whose metadata has the cell id).
            outputs.cellOf(message).ifPresent(cellId -> message.metadata().put("cellId", cellId));
        }
        String json = WebSocketMessages.toJson(channel, message);
        String parentSession = message.parentHeader() == null ? null : message.parentHeader().session();
        synchronized (this) {
            if (channel == Channel.IOPUB) {
                for (ClientLink client : clients) {
                    sendOutput(client, message, json);
                }
            } else {
                clients.stream().filter(c -> c.owns(parentSession)).forEach(c -> c.send(json));
            }
            ReplayBuffer buffer = parentSession == null ? null : away.get(parentSession);
            if (buffer != null) {
                buffer.add(json);
            }
        }
        toClients.increment();
    }

    private void sendOutput(ClientLink client, Message<?> message, String json) {
        if (!RATE_LIMITED.contains(message.msgType())) {
            client.send(json);
            return;
        }
        Header parent = message.parentHeader();
        switch (client.limiter().offer(System.nanoTime(), json.length())) {
            case SEND -> client.send(json);
            case PAUSE -> client.send(Notices.stderr(parent, "Jotter: output is arriving faster than this page is"
                    + " shown it (limits: " + (long) config.iopubMsgRateLimit() + " messages/s, "
                    + (long) config.iopubDataRateLimit() + " bytes/s), so showing it is paused. Nothing is lost:"
                    + " all of it is saved in the notebook; reopen it to see everything.\n"));
            case DROP -> {
                // Counted by the limiter and reported on resume.
            }
            case RESUME -> {
                client.send(Notices.stderr(parent, "Jotter: output resumed; " + client.limiter().takeDropped()
                        + " messages were not shown here and are saved in the notebook.\n"));
                client.send(json);
            }
        }
    }

    /** The kernel was restarted: the same clients, a new process to talk to. */
    void restarted(RunningKernel fresh) {
        KernelBridge old;
        synchronized (this) {
            old = bridge;
            kernel = fresh;
            bridge = new KernelBridge(fresh.handle().connection(), this::fromKernel);
        }
        // Outside the lock: closing waits for the old I/O thread, which may be waiting for the lock.
        old.close();
    }

    /** The kernel's process ended on its own: clients see it dead, as Jupyter shows it. */
    synchronized void died(String reason) {
        String notice = Notices.stderr(null, "Jotter: the kernel died (" + reason + "). Restart it to go on;"
                + " variables are lost, saved notebooks are not.\n");
        String dead = Notices.status("dead");
        for (ClientLink client : clients) {
            client.send(notice);
            client.send(dead);
        }
    }

    /** The server will stop the kernel soon: every client hears why, and the page saves the notebook. */
    synchronized void warn(String reason) {
        String notice = Notices.stderr(null, "Jotter: " + reason + ".\n");
        clients.forEach(client -> client.send(notice));
    }

    /** The kernel was shut down: clients are told why, if the server did it, and disconnected. */
    void stopped(String reason) {
        bridge.close();
        synchronized (this) {
            disconnectAll(reason);
        }
    }

    private void disconnectAll(String reason) {
        for (ClientLink client : List.copyOf(clients)) {
            if (reason != null) {
                client.send(Notices.stderr(null, "Jotter: the kernel was stopped: " + reason + ".\n"));
            }
            client.send(Notices.status("dead"));
            client.close(CloseReason.CloseCodes.GOING_AWAY, reason == null ? "kernel shut down" : reason);
        }
        clients.clear();
        away.clear();
    }

    private void forgetLongGone() {
        Instant cutoff = clock.instant().minus(config.replayFor());
        away.values().removeIf(buffer -> buffer.parkedAt().isBefore(cutoff));
    }
}
