package io.jotter.kernel.transport;

import io.jotter.kernel.protocol.Channel;
import io.jotter.kernel.protocol.ConnectionInfo;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The five sockets a kernel binds, as the connection file says. */
public final class KernelSockets implements AutoCloseable {
    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket stdin;
    private final ZMQ.Socket heartbeat;

    public KernelSockets(ConnectionInfo info) {
        shell = bind(info, Channel.SHELL, SocketType.ROUTER);
        control = bind(info, Channel.CONTROL, SocketType.ROUTER);
        iopub = bind(info, Channel.IOPUB, SocketType.PUB);
        stdin = bind(info, Channel.STDIN, SocketType.ROUTER);
        heartbeat = bind(info, Channel.HEARTBEAT, SocketType.REP);
        // Let the last messages (a shutdown reply, a final status) leave before the process ends.
        iopub.setLinger(1000);
        shell.setLinger(1000);
        control.setLinger(1000);
    }

    private ZMQ.Socket bind(ConnectionInfo info, Channel channel, SocketType type) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.bind(info.endpoint(channel));
        return socket;
    }

    public ZMQ.Socket shell() {
        return shell;
    }

    public ZMQ.Socket control() {
        return control;
    }

    public ZMQ.Socket iopub() {
        return iopub;
    }

    public ZMQ.Socket stdin() {
        return stdin;
    }

    public ZMQ.Socket heartbeat() {
        return heartbeat;
    }

    /**
     * Two connected PAIR sockets on this context, the first to bind and poll, the second to signal it with: how
     * another thread wakes a socket's loop (a ZeroMQ socket is used by one thread only).
     */
    public ZMQ.Socket[] wakePair(String name) {
        String endpoint = "inproc://jotter-wake-" + name;
        ZMQ.Socket receiver = context.createSocket(SocketType.PAIR);
        receiver.bind(endpoint);
        ZMQ.Socket sender = context.createSocket(SocketType.PAIR);
        sender.connect(endpoint);
        return new ZMQ.Socket[] {receiver, sender};
    }

    /** A poller on this context. */
    public ZMQ.Poller poller(int size) {
        return context.createPoller(size);
    }

    @Override
    public void close() {
        context.close();
    }
}
