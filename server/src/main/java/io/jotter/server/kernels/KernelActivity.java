package io.jotter.server.kernels;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a kernel is doing, as the gateway sees it: its execution state from iopub {@code status}
 * messages, when a message last went either way, and how many clients are connected. Culling and
 * the REST model read it; only the gateway and the watchdog write it. Thread-safe.
 */
public final class KernelActivity {
    public static final String STARTING = "starting";
    public static final String IDLE = "idle";
    public static final String BUSY = "busy";
    public static final String RESTARTING = "restarting";
    public static final String DEAD = "dead";

    private final Instant since;
    /** A kernel is handed out once it has answered kernel_info, so it starts out idle. */
    private volatile String executionState = IDLE;
    private volatile Instant lastActivity;
    private final AtomicInteger connections = new AtomicInteger();
    /** Clients on other replicas (see {@link KernelPresence}). */
    private volatile int elsewhere;

    public KernelActivity(Instant now) {
        this.since = now;
        this.lastActivity = now;
    }

    /** When the kernel first started; restarts keep it, so they do not extend a maximum lifetime. */
    public Instant since() {
        return since;
    }

    public String executionState() {
        return executionState;
    }

    public Instant lastActivity() {
        return lastActivity;
    }

    /** Clients connected, on this replica and (for the replica that runs the kernel) on the others. */
    public int connections() {
        return connections.get() + elsewhere;
    }

    /** Clients connected to this replica. */
    int connectedHere() {
        return connections.get();
    }

    /** What the other replicas report of the kernel's clients on them: their number, and their last message. */
    void seenElsewhere(int clients, Instant lastThere) {
        elsewhere = clients;
        if (lastThere != null && lastThere.isAfter(lastActivity)) {
            lastActivity = lastThere;
        }
    }

    /** The kernel published a status; a dead kernel stays dead whatever a late message says. */
    public void stateReported(String state, Instant now) {
        if (!DEAD.equals(executionState)) {
            executionState = state;
        }
        lastActivity = now;
    }

    /** A message went to or came from the kernel. */
    public void touched(Instant now) {
        lastActivity = now;
    }

    void restarting() {
        executionState = RESTARTING;
    }

    void restarted(Instant now) {
        executionState = IDLE;
        lastActivity = now;
    }

    void died() {
        executionState = DEAD;
    }

    public boolean isBusy() {
        return BUSY.equals(executionState) || STARTING.equals(executionState) || RESTARTING.equals(executionState);
    }

    public void connected() {
        connections.incrementAndGet();
    }

    public void disconnected() {
        connections.decrementAndGet();
    }
}
