package io.jotter.kernel.transport;

import io.jotter.kernel.handler.Dispatcher;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Frames;
import io.jotter.kernel.protocol.InvalidSignatureException;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.protocol.WireCodec;
import io.jotter.kernel.protocol.WireFormatException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Reads requests from one ROUTER socket (control; shell has {@link ShellLoop}) and hands them to the dispatcher,
 * one at a time, on this loop's thread. Frames that are not a valid, correctly signed message are
 * dropped and logged, never acted on.
 */
public final class ChannelLoop implements Runnable {
    private final String name;
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final IopubChannel iopub;
    private final Dispatcher dispatcher;
    private final String session;
    private final AtomicBoolean loggedBadSignature;

    public ChannelLoop(String name, ZMQ.Socket socket, WireCodec codec, IopubChannel iopub, Dispatcher dispatcher,
                       String session, AtomicBoolean loggedBadSignature) {
        this.name = name;
        this.socket = socket;
        this.codec = codec;
        this.iopub = iopub;
        this.dispatcher = dispatcher;
        this.session = session;
        this.loggedBadSignature = loggedBadSignature;
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<byte[]> frames = Frames.receive(socket);
                if (frames == null) {
                    return;
                }
                handle(frames);
            }
        } catch (ZMQException e) {
            // The context was closed: the kernel is shutting down.
        }
    }

    private void handle(List<byte[]> frames) {
        Message<?> request = decode(frames);
        if (request == null) {
            return;
        }
        dispatcher.dispatch(request, responder(request));
    }

    private Message<?> decode(List<byte[]> frames) {
        return decode(codec, frames, name, loggedBadSignature);
    }

    /** A valid, correctly signed message, or null (logged: a bad signature once per kernel). */
    static Message<?> decode(WireCodec codec, List<byte[]> frames, String channel, AtomicBoolean loggedBadSignature) {
        try {
            return codec.decode(frames);
        } catch (InvalidSignatureException e) {
            if (loggedBadSignature.compareAndSet(false, true)) {
                KernelLog.info("dropped a message on " + channel + " with a bad signature (logged once; later ones are dropped silently)");
            }
        } catch (WireFormatException e) {
            KernelLog.warn("dropped a malformed message on " + channel, e);
        }
        return null;
    }

    /** After a failed cell with stop_on_error, the execute requests already waiting are not run. */
    private void abortQueuedExecutes() {
        List<byte[]> frames;
        while ((frames = Frames.receive(socket, ZMQ.DONTWAIT)) != null) {
            Message<?> request = decode(frames);
            if (request == null) {
                continue;
            }
            RequestResponder responder = responder(request);
            if (request.content() instanceof Content.ExecuteRequest) {
                responder.answerAborted();
            } else {
                dispatcher.dispatch(request, responder);
            }
        }
    }

    private RequestResponder responder(Message<?> request) {
        return new RequestResponder(request, codec, session, iopub, frames -> Frames.send(socket, frames),
                this::abortQueuedExecutes);
    }
}
