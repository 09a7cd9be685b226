package io.jotter.kernel.transport;

import io.jotter.kernel.handler.Dispatcher;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Frames;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.protocol.WireCodec;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The shell channel: one thread reads the ROUTER socket and answers at once what needs no JShell ({@code kernel_info},
 * {@code comm_info}, {@code shutdown}), so a client connecting while a cell runs is not kept waiting behind it (as
 * ipykernel keeps it); the rest (cells, completion, inspection, ...) runs in order on a second thread, one at a time.
 * That thread's replies go back through the reading thread, which alone touches the socket, woken by an inproc
 * PAIR. Frames that are not a valid, correctly signed message are dropped and logged, never acted on.
 */
public final class ShellLoop implements Runnable {
    private static final Set<Class<? extends Content>> AT_ONCE = Set.of(Content.KernelInfoRequest.class,
            Content.CommInfoRequest.class, Content.ShutdownRequest.class);

    private final KernelSockets sockets;
    private final ZMQ.Socket socket;
    private final ZMQ.Socket wakeReceiver;
    private final ZMQ.Socket waker;
    private final WireCodec codec;
    private final IopubChannel iopub;
    private final Dispatcher dispatcher;
    private final String session;
    private final AtomicBoolean loggedBadSignature;
    private final BlockingQueue<Message<?>> queued = new LinkedBlockingQueue<>();
    private final Queue<List<byte[]>> replies = new ConcurrentLinkedQueue<>();
    /** Whether the request thread is handling a request (a cell runs, most often). */
    private volatile boolean handling;

    public ShellLoop(KernelSockets sockets, WireCodec codec, IopubChannel iopub, Dispatcher dispatcher, String session,
                     AtomicBoolean loggedBadSignature) {
        this.sockets = sockets;
        this.socket = sockets.shell();
        ZMQ.Socket[] wakePair = sockets.wakePair("shell");
        this.wakeReceiver = wakePair[0];
        this.waker = wakePair[1];
        this.codec = codec;
        this.iopub = iopub;
        this.dispatcher = dispatcher;
        this.session = session;
        this.loggedBadSignature = loggedBadSignature;
    }

    @Override
    public void run() {
        Thread requests = new Thread(this::handleQueued, "jotter-shell-requests");
        requests.setDaemon(true);
        requests.start();
        try (ZMQ.Poller poller = sockets.poller(2)) {
            int wake = poller.register(wakeReceiver, ZMQ.Poller.POLLIN);
            int shell = poller.register(socket, ZMQ.Poller.POLLIN);
            while (!Thread.currentThread().isInterrupted()) {
                poller.poll(-1);
                if (poller.pollin(wake)) {
                    while (wakeReceiver.recv(ZMQ.DONTWAIT) != null) {
                        // Drained: the queue says what to send.
                    }
                }
                List<byte[]> reply;
                while ((reply = replies.poll()) != null) {
                    Frames.send(socket, reply);
                }
                if (poller.pollin(shell)) {
                    List<byte[]> frames;
                    while ((frames = Frames.receive(socket, ZMQ.DONTWAIT)) != null) {
                        received(frames);
                    }
                }
            }
        } catch (ZMQException e) {
            // The context was closed: the kernel is shutting down.
        } finally {
            requests.interrupt();
        }
    }

    private void received(List<byte[]> frames) {
        Message<?> request = ChannelLoop.decode(codec, frames, "shell", loggedBadSignature);
        if (request == null) {
            return;
        }
        if (AT_ONCE.contains(request.content().getClass())) {
            // While a request runs, no busy and idle around this one: its idle would say the kernel is idle.
            dispatcher.dispatch(request, responder(request, true), !handling);
        } else {
            queued.add(request);
        }
    }

    /** The request thread: the queued requests in the order they came. */
    private void handleQueued() {
        try {
            while (true) {
                Message<?> request = queued.take();
                handling = true;
                try {
                    dispatcher.dispatch(request, responder(request, false));
                } finally {
                    handling = !queued.isEmpty();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** After a failed cell with stop_on_error, the execute requests already waiting are not run. */
    private void abortQueuedExecutes() {
        Message<?> request;
        while ((request = queued.poll()) != null) {
            RequestResponder responder = responder(request, false);
            if (request.content() instanceof Content.ExecuteRequest) {
                responder.answerAborted();
            } else {
                dispatcher.dispatch(request, responder);
            }
        }
    }

    /** Replies sent on the socket by the reading thread itself, or queued for it by the request thread. */
    private RequestResponder responder(Message<?> request, boolean onReadingThread) {
        Consumer<List<byte[]>> send = onReadingThread ? frames -> Frames.send(socket, frames) : this::queueReply;
        return new RequestResponder(request, codec, session, iopub, send, this::abortQueuedExecutes);
    }

    private void queueReply(List<byte[]> frames) {
        replies.add(frames);
        synchronized (waker) {
            waker.send(new byte[] {1}, ZMQ.DONTWAIT);
        }
    }
}
