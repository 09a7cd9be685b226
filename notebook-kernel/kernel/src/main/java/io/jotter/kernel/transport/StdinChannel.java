package io.jotter.kernel.transport;

import io.jotter.kernel.io.InputProvider;
import io.jotter.kernel.io.StdinNotAvailableException;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Frames;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.protocol.WireCodec;
import io.jotter.kernel.protocol.WireFormatException;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * Asks the client that sent the running execute request for input, on the stdin channel. Only a
 * cell's thread asks, one question at a time; an interrupt cancels a question still waiting.
 */
public final class StdinChannel implements InputProvider {
    private static final int POLL_MILLIS = 100;

    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final String session;
    private volatile Message<?> request;
    private volatile boolean allowed;
    private volatile boolean cancelled;

    public StdinChannel(ZMQ.Socket socket, WireCodec codec, String session) {
        this.socket = socket;
        this.codec = codec;
        this.session = session;
        socket.setReceiveTimeOut(POLL_MILLIS);
    }

    /** From now on, input is asked of the sender of {@code executeRequest}, if it allows stdin. */
    public void begin(Message<?> executeRequest, boolean allowStdin) {
        this.request = executeRequest;
        this.allowed = allowStdin;
        this.cancelled = false;
    }

    /** Cancels a question waiting for an answer; the cell reading stdin gets an error. */
    public void cancel() {
        cancelled = true;
    }

    @Override
    public synchronized String requestLine(String prompt, boolean password) {
        Message<?> current = request;
        if (current == null || !allowed) {
            throw new StdinNotAvailableException("this client does not take input (allow_stdin is false): "
                    + "System.in cannot be read here; give the cell its data another way");
        }
        Message<Content.InputRequest> question = current.child(new Content.InputRequest(prompt, password), session);
        Frames.send(socket, codec.encode(question));
        while (!cancelled) {
            List<byte[]> frames = Frames.receive(socket);
            if (frames == null) {
                continue;
            }
            try {
                Message<?> answer = codec.decode(frames);
                if (answer.content() instanceof Content.InputReply reply) {
                    return reply.value() == null ? "" : reply.value();
                }
                KernelLog.info("ignored " + answer.msgType() + " on stdin while waiting for input_reply");
            } catch (WireFormatException e) {
                KernelLog.warn("dropped a message on stdin", e);
            }
        }
        throw new StdinNotAvailableException("input was cancelled by an interrupt");
    }
}
