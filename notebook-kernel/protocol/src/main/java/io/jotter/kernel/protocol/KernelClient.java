package io.jotter.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The client end of a running kernel's five sockets, as jupyter_client's {@code BlockingKernelClient}:
 * DEALER for shell, control and stdin (one routing identity for all three, so the kernel's
 * {@code input_request}s for this client's executions reach it), SUB for iopub (subscribed to every
 * topic) and REQ for the heartbeat.
 *
 * <p>Thread-safety: ZeroMQ sockets are not thread-safe, so each channel has its own lock. Calls on
 * different channels may run at once; calls on one channel are serialized, which means a blocking
 * {@link #receive} on a channel delays a send on that same channel until it returns. Typical use is one
 * reader thread per channel and short sends from anywhere.
 */
public final class KernelClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KernelClient.class.getName());
    private static final long KEEP_WAITING_CHECK_MILLIS = 250;
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    private final ConnectionInfo connection;
    private final String session = UUID.randomUUID().toString();
    private final String username;
    private final WireCodec codec;
    private final ZContext context = new ZContext(1);
    private final Map<Channel, ZMQ.Socket> sockets = new EnumMap<>(Channel.class);
    private final Map<Channel, Object> locks = new EnumMap<>(Channel.class);

    /** Connects (ZeroMQ connects lazily, so the kernel need not be listening yet). */
    public KernelClient(ConnectionInfo connection, String username) {
        this.connection = connection;
        this.username = username;
        this.codec = new WireCodec(connection.signer());
        byte[] identity = ClientSockets.newIdentity();
        for (Channel channel : Channel.values()) {
            locks.put(channel, new Object());
            if (channel != Channel.HEARTBEAT) {
                sockets.put(channel, ClientSockets.connect(context, connection, channel, identity));
            }
        }
        sockets.put(Channel.HEARTBEAT, heartbeatSocket());
    }

    /** The session id in the headers of every message this client sends. */
    public String session() {
        return session;
    }

    /**
     * Sends a new request (no parent) on shell, control or stdin.
     *
     * @return the message as sent; match replies and iopub output by its {@code header().msgId()}
     */
    public <C extends Content> Message<C> request(Channel channel, C content) {
        Header header = Header.create(MessageTypes.nameOf(content.getClass()), session, username);
        Message<C> message = new Message<>(List.of(), header, null, Json.MAPPER.createObjectNode(), content, List.of());
        send(channel, message);
        return message;
    }

    /**
     * Sends a message built by the caller, for example an {@code input_reply} whose parent is the kernel's
     * {@code input_request}. Its identities must be empty: the DEALER socket adds this client's own.
     */
    public void send(Channel channel, Message<?> message) {
        if (channel == Channel.IOPUB || channel == Channel.HEARTBEAT) {
            throw new IllegalArgumentException("a client sends nothing on " + channel.wireName());
        }
        List<byte[]> frames = codec.encode(message);
        synchronized (locks.get(channel)) {
            Frames.send(sockets.get(channel), frames);
        }
    }

    /**
     * The next message on shell, control, stdin or iopub, or {@code null} when none came within the timeout.
     * Frames that are not a message, or whose signature does not match, are dropped (the spec says a
     * message with a bad signature must be ignored) and the wait goes on.
     */
    public Message<?> receive(Channel channel, Duration timeout) {
        if (channel == Channel.HEARTBEAT) {
            throw new IllegalArgumentException("use heartbeat() for the heartbeat channel");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (locks.get(channel)) {
            ZMQ.Socket socket = sockets.get(channel);
            while (true) {
                long leftMillis = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                socket.setReceiveTimeOut((int) Math.min(leftMillis, Integer.MAX_VALUE));
                List<byte[]> frames = Frames.receive(socket);
                if (frames == null) {
                    return null;
                }
                try {
                    return codec.decode(frames);
                } catch (WireFormatException e) {
                    LOG.log(System.Logger.Level.WARNING, "dropped a message on {0}: {1}", channel.wireName(), e.getMessage());
                }
            }
        }
    }

    /**
     * Pings the kernel's heartbeat socket once.
     *
     * @return whether the echo came back within the timeout
     */
    public boolean heartbeat(Duration timeout) {
        synchronized (locks.get(Channel.HEARTBEAT)) {
            ZMQ.Socket socket = sockets.get(Channel.HEARTBEAT);
            int millis = (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE);
            socket.setSendTimeOut(millis);
            socket.setReceiveTimeOut(millis);
            if (socket.send(PING, 0) && socket.recv(0) != null) {
                return true;
            }
            // A REQ socket that sent and got no answer refuses to send again: start over with a fresh one.
            socket.close();
            sockets.put(Channel.HEARTBEAT, heartbeatSocket());
            return false;
        }
    }

    private ZMQ.Socket heartbeatSocket() {
        ZMQ.Socket socket = context.createSocket(SocketType.REQ);
        socket.setLinger(0);
        socket.connect(connection.endpoint(Channel.HEARTBEAT));
        return socket;
    }

    /**
     * Sends a request and waits for its reply on the same channel, skipping replies to other requests.
     *
     * @return the reply, or {@code null} when none came within the timeout
     */
    public Message<?> call(Channel channel, Content content, Duration timeout) {
        return call(channel, content, timeout, () -> true);
    }

    /**
     * As {@link #call(Channel, Content, Duration)}, giving up early once {@code keepWaiting} says no
     * (asked at least every {@value #KEEP_WAITING_CHECK_MILLIS} ms), for example when the kernel's process died.
     */
    public Message<?> call(Channel channel, Content content, Duration timeout, BooleanSupplier keepWaiting) {
        Message<?> sent = request(channel, content);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Message<?> reply = receive(channel, Duration.ofNanos(Math.min(left, KEEP_WAITING_CHECK_MILLIS * 1_000_000L)));
            if (reply != null && reply.parentHeader() != null
                    && sent.header().msgId().equals(reply.parentHeader().msgId())) {
                return reply;
            }
            if (!keepWaiting.getAsBoolean()) {
                return null;
            }
        }
    }

    /** Closes every socket; the kernel is left running. Call it once no other thread is inside a receive. */
    @Override
    public void close() {
        context.close();
    }
}
