package io.jotter.kernel.protocol;

import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * One client's live link to a kernel, for a gateway: shell, control and stdin (DEALER, one routing
 * identity) and iopub (SUB), all read by one I/O thread that polls them together and hands every
 * message to a listener, so nothing waits on a lock. {@link #send} may be called from any thread: it
 * queues the message and wakes the I/O thread, which alone touches the sockets.
 */
public final class KernelBridge implements AutoCloseable {
    /** Receives what the kernel sends, on the bridge's I/O thread, in order per channel. */
    @FunctionalInterface
    public interface Listener {
        void onMessage(Channel channel, Message<?> message);
    }

    private static final System.Logger LOG = System.getLogger(KernelBridge.class.getName());
    private static final Channel[] READ = {Channel.SHELL, Channel.CONTROL, Channel.STDIN, Channel.IOPUB};

    private final ZContext context;
    /** Whether the bridge made its context (and closes it) or shares one ({@link KernelLinks}). */
    private final boolean ownsContext;
    private final WireCodec codec;
    private final Listener listener;
    private final String wakeEndpoint = "inproc://kernel-bridge-" + UUID.randomUUID();
    private final ZMQ.Socket waker;
    private final ZMQ.Socket wakeReceiver;
    private final ZMQ.Socket[] sockets;
    private final Queue<Outgoing> outgoing = new ConcurrentLinkedQueue<>();
    private final Thread io;
    private volatile boolean closed;

    private record Outgoing(Channel channel, Message<?> message) {
    }

    /** A bridge with a ZeroMQ context of its own; a gateway of many kernels shares one ({@link KernelLinks}). */
    public KernelBridge(ConnectionInfo connection, Listener listener) {
        this(new ZContext(1), true, connection, listener);
    }

    KernelBridge(ZContext context, boolean ownsContext, ConnectionInfo connection, Listener listener) {
        this.context = context;
        this.ownsContext = ownsContext;
        this.codec = new WireCodec(connection.signer());
        this.listener = listener;
        this.wakeReceiver = context.createSocket(SocketType.PAIR);
        wakeReceiver.bind(wakeEndpoint);
        this.waker = context.createSocket(SocketType.PAIR);
        waker.connect(wakeEndpoint);
        byte[] identity = ClientSockets.newIdentity();
        this.sockets = new ZMQ.Socket[READ.length];
        for (int i = 0; i < READ.length; i++) {
            sockets[i] = ClientSockets.connect(context, connection, READ[i], identity);
        }
        this.io = new Thread(this::run, "kernel-bridge-" + connection.shellPort());
        io.setDaemon(true);
        io.start();
    }

    /** Queues a message for the kernel; it leaves on the I/O thread, in the order given. */
    public void send(Channel channel, Message<?> message) {
        if (channel == Channel.IOPUB || channel == Channel.HEARTBEAT) {
            throw new IllegalArgumentException("a client sends nothing on " + channel.wireName());
        }
        outgoing.add(new Outgoing(channel, message));
        synchronized (waker) {
            if (!closed) {
                waker.send(new byte[] {1}, ZMQ.DONTWAIT);
            }
        }
    }

    private void run() {
        ZMQ.Poller poller = context.createPoller(READ.length + 1);
        int wakeIndex = poller.register(wakeReceiver, ZMQ.Poller.POLLIN);
        for (ZMQ.Socket socket : sockets) {
            poller.register(socket, ZMQ.Poller.POLLIN);
        }
        try {
            while (!closed) {
                poller.poll(1000);
                if (poller.pollin(wakeIndex)) {
                    while (wakeReceiver.recv(ZMQ.DONTWAIT) != null) {
                        // Drained: the queue says what to send.
                    }
                }
                Outgoing next;
                while ((next = outgoing.poll()) != null) {
                    Frames.send(sockets[indexOf(next.channel())], codec.encode(next.message()));
                }
                for (int i = 0; i < READ.length; i++) {
                    if (poller.pollin(wakeIndex + 1 + i)) {
                        List<byte[]> frames;
                        while ((frames = Frames.receive(sockets[i], ZMQ.DONTWAIT)) != null) {
                            deliver(READ[i], frames);
                        }
                    }
                }
            }
        } catch (ZMQException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.WARNING, "kernel bridge stopped: " + e);
            }
        } finally {
            poller.close();
        }
    }

    private void deliver(Channel channel, List<byte[]> frames) {
        Message<?> message;
        try {
            message = codec.decode(frames);
        } catch (WireFormatException e) {
            LOG.log(System.Logger.Level.WARNING, "dropped a message from the kernel on " + channel.wireName() + ": "
                    + e.getMessage());
            return;
        }
        try {
            listener.onMessage(channel, message);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the listener failed on a " + message.msgType() + ": " + e);
        }
    }

    private static int indexOf(Channel channel) {
        for (int i = 0; i < READ.length; i++) {
            if (READ[i] == channel) {
                return i;
            }
        }
        throw new IllegalArgumentException(channel.wireName());
    }

    /** Stops the I/O thread and closes the sockets; the kernel runs on. */
    @Override
    public void close() {
        synchronized (waker) {
            if (closed) {
                return;
            }
            closed = true;
            waker.send(new byte[] {1}, ZMQ.DONTWAIT);
        }
        try {
            io.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsContext) {
            context.close();
            return;
        }
        synchronized (waker) {
            context.destroySocket(waker);
        }
        context.destroySocket(wakeReceiver);
        for (ZMQ.Socket socket : sockets) {
            context.destroySocket(socket);
        }
    }
}
