package io.jotter.kernel.transport;

import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/** Echoes every heartbeat ping back, on its own thread, so a busy cell never looks like a dead kernel. */
public final class Heartbeat implements Runnable {
    private final ZMQ.Socket socket;

    public Heartbeat(ZMQ.Socket socket) {
        this.socket = socket;
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                byte[] ping = socket.recv(0);
                if (ping == null) {
                    return;
                }
                socket.send(ping, 0);
            }
        } catch (ZMQException e) {
            // The context was closed: the kernel is shutting down.
        }
    }
}
