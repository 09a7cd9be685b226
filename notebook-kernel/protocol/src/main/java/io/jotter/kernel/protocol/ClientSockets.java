package io.jotter.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The client end of a kernel's channels, made the same way for every client of ours. */
final class ClientSockets {
    private ClientSockets() {
    }

    /** A routing identity for one client: shared by its shell, control and stdin sockets, as jupyter_client does. */
    static byte[] newIdentity() {
        return UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Connects one channel: a DEALER with the client's identity for shell, control and stdin (so the
     * kernel's input requests for this client's cells reach it), a SUB to every topic for iopub.
     */
    static ZMQ.Socket connect(ZContext context, ConnectionInfo connection, Channel channel, byte[] identity) {
        if (channel == Channel.HEARTBEAT) {
            throw new IllegalArgumentException("the heartbeat is a REQ socket of its own");
        }
        ZMQ.Socket socket = context.createSocket(channel == Channel.IOPUB ? SocketType.SUB : SocketType.DEALER);
        socket.setLinger(0);
        if (channel == Channel.IOPUB) {
            socket.subscribe(new byte[0]);
        } else {
            socket.setIdentity(identity);
        }
        socket.connect(connection.endpoint(channel));
        return socket;
    }
}
