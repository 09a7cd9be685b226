package io.jotter.kernel.transport;

import io.jotter.kernel.handler.Responder;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.protocol.WireCodec;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a request that came on a ROUTER channel (shell, control) is answered: its replies, encoded, go to {@code send}
 * (the socket, or the thread that owns it), its iopub messages name it as their parent.
 */
final class RequestResponder implements Responder {
    private final Message<?> request;
    private final WireCodec codec;
    private final String session;
    private final IopubChannel iopub;
    private final Consumer<List<byte[]>> send;
    private final Runnable abortQueued;

    RequestResponder(Message<?> request, WireCodec codec, String session, IopubChannel iopub,
                     Consumer<List<byte[]>> send, Runnable abortQueued) {
        this.request = request;
        this.codec = codec;
        this.session = session;
        this.iopub = iopub;
        this.send = send;
        this.abortQueued = abortQueued;
    }

    @Override
    public void reply(Content content) {
        send.accept(codec.encode(request.child(content, session)));
    }

    @Override
    public void reply(String msgType, Content content) {
        send.accept(codec.encode(request.child(msgType, content, session)));
    }

    @Override
    public void publish(Content content) {
        iopub.publish(request.child(content, session));
    }

    @Override
    public void abortQueued() {
        abortQueued.run();
    }

    /** Answers an execute request that is not run (a cell before it failed): busy, an aborted reply, idle. */
    void answerAborted() {
        publish(new Content.Status("busy"));
        reply(Content.ExecuteReply.aborted(0));
        publish(new Content.Status("idle"));
    }
}
