package io.jotter.kernel.comm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Json;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One end of a Jupyter comm: a channel between an object in the kernel and its peer in each front end (a widget and
 * its model). Messages from the front end reach {@link #onMessage} handlers on the kernel's request thread, in order
 * with cells, and run as cells do: an interrupt stops them.
 *
 * <p>Outside a kernel (no {@link Comms} bound) a comm is open but goes nowhere, so code using widgets also runs in a
 * plain JVM.
 */
public final class Comm {
    private final String id;
    private final String target;
    private final Comms comms;
    private final List<Consumer<ObjectNode>> messageHandlers = new CopyOnWriteArrayList<>();
    private final List<Runnable> closeHandlers = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    Comm(String id, String target, Comms comms) {
        this.id = id;
        this.target = target;
        this.comms = comms;
    }

    /** Opens a comm to {@code target} in the front ends, with {@code data} for the target's handler. */
    public static Comm open(String target, ObjectNode data, ObjectNode metadata) {
        return Comms.current().open(target, data, metadata);
    }

    public String id() {
        return id;
    }

    public String target() {
        return target;
    }

    public boolean isOpen() {
        return open;
    }

    /** Sends {@code data} to the front ends; nothing once closed. */
    public void send(ObjectNode data) {
        if (open) {
            comms.publish(new Content.CommMsg(id, data), Json.MAPPER.createObjectNode());
        }
    }

    /** Closes it here and in the front ends. */
    public void close() {
        if (open) {
            open = false;
            comms.forget(this);
            comms.publish(new Content.CommClose(id, Json.MAPPER.createObjectNode()), Json.MAPPER.createObjectNode());
            closeHandlers.forEach(Runnable::run);
        }
    }

    /** Runs {@code handler} with the {@code data} of every message a front end sends on this comm. */
    public void onMessage(Consumer<ObjectNode> handler) {
        messageHandlers.add(handler);
    }

    /** Runs {@code handler} when the comm closes, from either end. */
    public void onClose(Runnable handler) {
        closeHandlers.add(handler);
    }

    void received(ObjectNode data) {
        for (Consumer<ObjectNode> handler : messageHandlers) {
            handler.accept(data);
        }
    }

    /** The front end closed it. */
    void closedByPeer() {
        if (open) {
            open = false;
            comms.forget(this);
            closeHandlers.forEach(Runnable::run);
        }
    }
}
