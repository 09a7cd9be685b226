package io.jotter.kernel.protocol;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/** Sending and receiving whole multipart messages on a ZeroMQ socket. */
public final class Frames {
    private Frames() {
    }

    /** Blocks for the next multipart message; {@code null} if the socket was closed or the wait timed out. */
    public static List<byte[]> receive(ZMQ.Socket socket) {
        return receive(socket, 0);
    }

    /** The next multipart message, or {@code null} when none came ({@link ZMQ#DONTWAIT}: none is waiting). */
    public static List<byte[]> receive(ZMQ.Socket socket, int flags) {
        byte[] first = socket.recv(flags);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>(8);
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    public static void send(ZMQ.Socket socket, List<byte[]> frames) {
        int last = frames.size() - 1;
        for (int i = 0; i < last; i++) {
            socket.sendMore(frames.get(i));
        }
        socket.send(frames.get(last), 0);
    }
}
