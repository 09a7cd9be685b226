package io.jotter.kernel.comm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The kernel's open comms and the targets front ends may open comms to ({@code comm_info} lists them). One per
 * process, as the display binding is: widgets made in a cell, or in a thread it started, find it without being told.
 */
public final class Comms {
    private static final Comms NOWHERE = new Comms((message, metadata) -> { });
    private static volatile Comms current = NOWHERE;

    private final CommSink sink;
    private final Map<String, Comm> open = new ConcurrentHashMap<>();
    private final Map<String, BiConsumer<Comm, ObjectNode>> targets = new ConcurrentHashMap<>();

    public Comms(CommSink sink) {
        this.sink = sink;
    }

    /** The kernel's comms from now on. */
    public static void bind(Comms comms) {
        current = comms;
    }

    /** The kernel's comms, or ones that go nowhere outside a kernel. */
    public static Comms current() {
        return current;
    }

    Comm open(String target, ObjectNode data, ObjectNode metadata) {
        Comm comm = new Comm(UUID.randomUUID().toString().replace("-", ""), target, this);
        open.put(comm.id(), comm);
        sink.send(new Content.CommOpen(comm.id(), target, data, null), metadata);
        return comm;
    }

    /** Lets front ends open comms to {@code target}: {@code opened} gets each new comm and its open data. */
    public void registerTarget(String target, BiConsumer<Comm, ObjectNode> opened) {
        targets.put(target, opened);
    }

    /** A front end opened a comm. To a target nobody registered, it is closed again at once, as ipykernel does. */
    public void openedByPeer(Content.CommOpen request) {
        BiConsumer<Comm, ObjectNode> opened = request.targetName() == null ? null : targets.get(request.targetName());
        if (request.commId() == null) {
            return;
        }
        if (opened == null) {
            sink.send(new Content.CommClose(request.commId(), Json.MAPPER.createObjectNode()),
                    Json.MAPPER.createObjectNode());
            return;
        }
        Comm comm = new Comm(request.commId(), request.targetName(), this);
        open.put(comm.id(), comm);
        opened.accept(comm, request.data() == null ? Json.MAPPER.createObjectNode() : request.data());
    }

    /** A front end's message on a comm; one the kernel does not have open is ignored, as the spec says. */
    public boolean received(Content.CommMsg message) {
        Comm comm = message.commId() == null ? null : open.get(message.commId());
        if (comm == null) {
            return false;
        }
        comm.received(message.data() == null ? Json.MAPPER.createObjectNode() : message.data());
        return true;
    }

    public void closedByPeer(Content.CommClose message) {
        Comm comm = message.commId() == null ? null : open.get(message.commId());
        if (comm != null) {
            comm.closedByPeer();
        }
    }

    /** The open comms of {@code target} (all when null), as {@code comm_info_reply} lists them. */
    public Map<String, Object> describe(String target) {
        Map<String, Object> comms = new LinkedHashMap<>();
        open.values().stream()
                .filter(comm -> target == null || target.isEmpty() || target.equals(comm.target()))
                .forEach(comm -> comms.put(comm.id(), Map.of("target_name", comm.target())));
        return comms;
    }

    void publish(Content message, ObjectNode metadata) {
        sink.send(message, metadata);
    }

    void forget(Comm comm) {
        open.remove(comm.id());
    }
}
