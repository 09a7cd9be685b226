package io.jotter.server.gateway;

import io.jotter.kernel.protocol.Channel;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Header;
import io.jotter.kernel.protocol.Json;
import io.jotter.kernel.protocol.KernelBridge;
import io.jotter.kernel.protocol.KernelClient;
import io.jotter.kernel.protocol.KernelLinks;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.protocol.MessageTypes;
import io.jotter.kernel.protocol.WebSocketMessages;
import io.jotter.server.kernels.RunningKernel;
import io.jotter.server.kernelspecs.KernelSpecCatalog;
import io.jotter.server.outputs.CellOutputs;
import io.micrometer.core.instrument.Counter;
import jakarta.websocket.CloseReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The server's one link to one kernel, shared by every client of that kernel: one set of ZeroMQ
 * sockets however many tabs are open. Output on iopub goes to every client; a reply goes to the client
 * whose session sent the request. What a client misses while it is away is kept for it (see
 * {@link ReplayBuffer}), every message updates the kernel's activity, and cell outputs go to the
 * stored notebook as they arrive.
 *
 * <p>With several replicas, each replica serving a kernel's clients has its own link to it; only the one that runs
 * the kernel records outputs ({@code recording}). A client new to this link while cells run (another tab, or a
 * client whose replica died), and every client here when this replica adopts the kernel, gets those runs whole:
 * a {@code clear_output} and the kernel's own record of the run, so nothing is missing or shown twice.
 */
final class KernelConnection {
    private static final Logger LOG = Logger.getLogger(KernelConnection.class);
    /** Output that the rate limit applies to, as in Jupyter Server: not statuses, not execute_input. */
    private static final int RESENT_REMEMBERED = 10_000;
    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SUBSCRIPTION_WAIT = Duration.ofSeconds(1);
    private static final String GAP_NOTE = "\n[Jotter: the server replica running this cell stopped; output the kernel"
            + " sent before another replica took over may be missing here]\n";
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
    private final KernelLinks links;
    private volatile KernelBridge bridge;
    private volatile boolean recording;
    /** The session in the kernel's own headers, which the server's notices carry too (see {@link Notices}). */
    private volatile String kernelSession = Notices.SERVER_SESSION;
    private volatile long iopubSeen;
    /** The shell requests sent to the kernel that it has not answered yet, by msg_id. */
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    /** Messages a resync sent to clients: when they also arrive live, they are not sent again. */
    private final Map<String, List<ClientLink>> resent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<ClientLink>> eldest) {
            return size() > RESENT_REMEMBERED;
        }
    };

    KernelConnection(RunningKernel kernel, boolean recording, GatewayConfig config, CellOutputs outputs, Clock clock,
                     Counter toKernel, Counter toClients, KernelLinks links) {
        this.links = links;
        this.kernel = kernel;
        this.recording = recording;
        this.config = config;
        this.outputs = outputs;
        this.clock = clock;
        this.toKernel = toKernel;
        this.toClients = toClients;
        this.bridge = links.open(kernel.handle().connection(), this::fromKernel);
    }

    /** A client connected: it receives what it missed while away, then everything new. */
    void attach(ClientLink client) {
        // Only Jotter's kernel keeps a record of its runs to send again; another kernel's clients get what is live.
        Map<String, String> inFlight = KernelSpecCatalog.JOTTER_JAVA.equals(kernel.spec().name())
                ? outputs.inFlight(kernel.id()) : Map.of();
        if (inFlight.isEmpty()) {
            attachNow(client);
            return;
        }
        awaitSubscription();
        synchronized (this) {
            boolean returning = away.containsKey(client.sessionId());
            attachNow(client);
            if (!returning) {
                resend(inFlight, List.of(client), false);
            }
        }
    }

    private synchronized void attachNow(ClientLink client) {
        ReplayBuffer missed = away.remove(client.sessionId());
        if (missed != null) {
            away.values().removeIf(buffer -> buffer == missed);
            if (missed.lost() > 0) {
                client.send(Notices.stderr(kernelSession, null, "Jotter: " + missed.lost() + " messages sent while you were away"
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

    /**
     * This replica now runs the kernel (its replica died): outputs are recorded from here on, and the runs in flight
     * are rebuilt from the kernel's record of them and sent whole to every client here.
     */
    void adopted() {
        // Recording starts once the runs in flight are followed here: a message of one of them meanwhile goes to its
        // run, and a run relayed here that they do not include is taken over at its next message (CellOutputs).
        try {
            Map<String, String> inFlight = outputs.adopt(kernel.id());
            if (inFlight.isEmpty()) {
                return;
            }
            if (!KernelSpecCatalog.JOTTER_JAVA.equals(kernel.spec().name())) {
                inFlight.keySet().forEach(run -> outputs.resumeAdopted(run, GAP_NOTE));
                return;
            }
            awaitSubscription();
            synchronized (this) {
                resend(inFlight, clients, true);
            }
        } finally {
            recording = true;
        }
    }

    /** Another replica runs the kernel now: this one still serves its clients here, without recording. */
    void released() {
        recording = false;
        outputs.released(kernel.id());
    }

    /**
     * Asks the kernel for its record of the runs (on control: shell is busy running them) and sends each run to
     * {@code targets} whole, after a {@code clear_output}. Called holding this object's lock, so no live message
     * reaches a client between the kernel's answer and the resend; a live one that the resend already carried is
     * not sent again to those clients.
     *
     * @param runs the cells of the runs, by request msg_id
     * @param rebuild whether the runs' recorded outputs are rebuilt from the same record (an adoption)
     */
    private void resend(Map<String, String> runs, List<ClientLink> targets, boolean rebuild) {
        Content.ReplayReply replay = null;
        try (KernelClient client = new KernelClient(kernel.handle().connection(), "jotter-server")) {
            Message<?> reply = client.call(Channel.CONTROL, new Content.ReplayRequest(List.copyOf(runs.keySet())),
                    REPLAY_TIMEOUT);
            if (reply != null && reply.content() instanceof Content.ReplayReply answer && "ok".equals(answer.status())) {
                replay = answer;
            }
        }
        LOG.infof("kernel %s: %s %d runs in flight to %d clients (%s)", kernel.id(), rebuild ? "adopted," : "resending",
                runs.size(), targets.size(), replay == null ? "the kernel kept no record" : replay.messages().size()
                        + " messages" + (replay.truncated() ? ", truncated" : ""));
        if (replay == null || replay.truncated()) {
            if (rebuild) {
                runs.keySet().forEach(run -> outputs.resumeAdopted(run, GAP_NOTE));
            }
            return;
        }
        Map<String, List<Message<?>>> byRun = new HashMap<>();
        for (Message<?> message : replay.decoded()) {
            if (message.parentHeader() != null) {
                byRun.computeIfAbsent(message.parentHeader().msgId(), id -> new ArrayList<>()).add(message);
            }
        }
        List<ClientLink> receivers = List.copyOf(targets);
        for (Map.Entry<String, String> entry : runs.entrySet()) {
            String run = entry.getKey();
            List<Message<?>> messages = byRun.getOrDefault(run, List.of());
            if (rebuild) {
                outputs.rebuild(run, messages);
            }
            if (messages.isEmpty()) {
                continue;
            }
            List<String> json = new ArrayList<>();
            json.add(WebSocketMessages.toJson(Channel.IOPUB, inCell(clearOutput(messages.get(0)), entry.getValue())));
            for (Message<?> message : messages) {
                resent.put(message.header().msgId(), receivers);
                json.add(WebSocketMessages.toJson(Channel.IOPUB, inCell(message, entry.getValue())));
            }
            receivers.forEach(client -> json.forEach(client::send));
        }
    }

    /** A clear_output for the run {@code first} belongs to, in the kernel's session (see {@link Notices}). */
    private static Message<Content.ClearOutput> clearOutput(Message<?> first) {
        return new Message<>(List.of(), Header.create("clear_output", first.header().session(), "jotter"),
                first.parentHeader(), Json.MAPPER.createObjectNode(), new Content.ClearOutput(false), List.of());
    }

    private static Message<?> inCell(Message<?> message, String cellId) {
        if (message.metadata() != null) {
            message.metadata().put("cellId", cellId);
        }
        return message;
    }

    /** A new link may not hear iopub yet (ZeroMQ subscribes asynchronously): waits for its first message, or a second. */
    private void awaitSubscription() {
        long deadline = System.nanoTime() + SUBSCRIPTION_WAIT.toNanos();
        while (iopubSeen == 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Whether {@link #toKernel} notes the message in the database before it leaves (a cell's run, a widget's message),
     * so must not be called on an I/O thread.
     */
    static boolean notedInTheDatabase(Message<?> message) {
        return message.content() instanceof Content.ExecuteRequest || message.content() instanceof Content.CommMsg;
    }

    /** A message from a client, parsed; it leaves on the bridge's I/O thread, in order. */
    void toKernel(ClientLink client, WebSocketMessages.Routed routed) {
        Message<?> message = routed.message();
        client.sentUnder(message.header().session());
        // Comm messages (widgets) are sent on shell too, but are never answered: they wait for nothing.
        if (routed.channel() == Channel.SHELL && message.msgType().endsWith("_request")) {
            String msgId = message.header().msgId();
            // A msg_id sent again is answered once by the kernel: it is neither counted twice nor refused.
            if (!waiting.contains(msgId) && waiting.size() >= config.maxWaitingRequests()) {
                refuse(client, message);
                return;
            }
            waiting.add(msgId);
        }
        if (message.content() instanceof Content.ExecuteRequest) {
            outputs.requested(kernel, message, recording);
        } else if (message.content() instanceof Content.CommMsg) {
            outputs.commMessage(kernel, message, recording);
        }
        kernel.activity().touched(clock.instant());
        toKernel.increment();
        bridge.send(routed.channel(), message);
    }

    /**
     * Answers a request the kernel has no room for: an error reply of its type, and a line in the output of the cell
     * (or request) it came from, so a person sees why, not a run that never starts.
     */
    private void refuse(ClientLink client, Message<?> request) {
        String why = "the kernel has " + config.maxWaitingRequests() + " requests waiting (it is not keeping up)";
        LOG.infof("kernel %s: refused a %s: %s", kernel.id(), request.msgType(), why);
        client.send(Notices.stderr(kernelSession, request.header(), "Jotter: " + why + "; this " + request.msgType()
                + " was not sent to it. Try again once it has caught up.\n"));
        Message<?> reply = request.child(MessageTypes.replyNameOf(request.msgType()),
                Content.ErrorReply.of("KernelBusy", why), kernelSession);
        client.send(WebSocketMessages.toJson(Channel.SHELL, reply));
    }

    /** On the bridge's I/O thread. */
    private void fromKernel(Channel channel, Message<?> message) {
        Instant now = clock.instant();
        if (channel == Channel.SHELL && message.parentHeader() != null) {
            waiting.remove(message.parentHeader().msgId());
        }
        if (channel == Channel.IOPUB) {
            iopubSeen++;
        }
        if (message.header() != null && message.header().session() != null) {
            kernelSession = message.header().session();
        }
        if (channel == Channel.IOPUB && message.content() instanceof Content.Status status) {
            kernel.activity().stateReported(status.executionState(), now);
        } else {
            kernel.activity().touched(now);
        }
        outputs.received(kernel.id(), message, recording);
        if (channel == Channel.IOPUB && message.metadata() != null) {
            // So that every tab of the notebook, not only the one that ran the cell, can show the run
            // in the right cell (iopub messages name only the request, whose metadata has the cell id).
            outputs.cellOf(message).ifPresent(cellId -> message.metadata().put("cellId", cellId));
        }
        String json = WebSocketMessages.toJson(channel, message);
        String parentSession = message.parentHeader() == null ? null : message.parentHeader().session();
        synchronized (this) {
            List<ClientLink> hadIt = channel == Channel.IOPUB && !resent.isEmpty() && message.header() != null
                    ? resent.remove(message.header().msgId()) : null;
            if (channel == Channel.IOPUB && !askersOnly(message)) {
                for (ClientLink client : clients) {
                    if (hadIt == null || !hadIt.contains(client)) {
                        sendOutput(client, message, json);
                    }
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

    /**
     * Whether an iopub message goes only to the clients whose session asked: the busy and idle around a request that
     * is not a cell's run (kernel_info, complete, inspect, ...). The other tabs would only see the kernel flicker, and
     * with many clients on one kernel that fan-out was nearly all of the gateway's work: 25 clients asking for
     * kernel_info once a second made 50 statuses a second for each of them (see {@code ./jotter bench gateway}).
     */
    private static boolean askersOnly(Message<?> message) {
        Header parent = message.parentHeader();
        return message.content() instanceof Content.Status && parent != null && parent.msgType() != null
                && !parent.msgType().isEmpty() && !"execute_request".equals(parent.msgType());
    }

    private void sendOutput(ClientLink client, Message<?> message, String json) {
        if (!RATE_LIMITED.contains(message.msgType())) {
            client.send(json);
            return;
        }
        Header parent = message.parentHeader();
        switch (client.limiter().offer(System.nanoTime(), json.length())) {
            case SEND -> client.send(json);
            case PAUSE -> client.send(Notices.stderr(kernelSession, parent, "Jotter: output is arriving faster than this page is"
                    + " shown it (limits: " + (long) config.iopubMsgRateLimit() + " messages/s, "
                    + (long) config.iopubDataRateLimit() + " bytes/s), so showing it is paused. Nothing is lost:"
                    + " all of it is saved in the notebook; reopen it to see everything.\n"));
            case DROP -> {
                // Counted by the limiter and reported on resume.
            }
            case RESUME -> {
                client.send(Notices.stderr(kernelSession, parent, "Jotter: output resumed; " + client.limiter().takeDropped()
                        + " messages were not shown here and are saved in the notebook.\n"));
                client.send(json);
            }
        }
    }

    /** The kernel was restarted (here, or by the replica that runs it): the same clients, a new process to talk to. */
    void restarted(RunningKernel fresh, boolean runsHere) {
        KernelBridge old;
        // A restart from this replica makes it the kernel's (it may have taken the kernel over from another); one
        // by another replica leaves this one serving the new process without recording.
        recording = runsHere;
        // The old process answers nothing more.
        waiting.clear();
        synchronized (this) {
            old = bridge;
            kernel = fresh;
            bridge = links.open(fresh.handle().connection(), this::fromKernel);
        }
        // Outside the lock: closing waits for the old I/O thread, which may be waiting for the lock.
        old.close();
    }

    /** The kernel's process ended on its own: clients see it dead, as Jupyter shows it. */
    synchronized void died(String reason) {
        String notice = Notices.stderr(kernelSession, null, "Jotter: the kernel died (" + reason + "). Restart it to go on;"
                + " variables are lost, saved notebooks are not.\n");
        String dead = Notices.status(kernelSession, "dead");
        for (ClientLink client : clients) {
            client.send(notice);
            client.send(dead);
        }
    }

    /** The server will stop the kernel soon: every client hears why, and the page saves the notebook. */
    synchronized void warn(String reason) {
        String notice = Notices.stderr(kernelSession, null, "Jotter: " + reason + ".\n");
        clients.forEach(client -> client.send(notice));
    }

    /** The server stops: the link to the kernel closes (the kernel may run on, for another replica). */
    void closeLink() {
        bridge.close();
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
                client.send(Notices.stderr(kernelSession, null, "Jotter: the kernel was stopped: " + reason + ".\n"));
            }
            client.send(Notices.status(kernelSession, "dead"));
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
