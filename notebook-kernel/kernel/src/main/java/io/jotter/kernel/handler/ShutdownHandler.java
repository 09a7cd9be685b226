package io.jotter.kernel.handler;

import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;

/**
 * {@code shutdown_request}: replies, then ends the process. A restart is the client's job (it starts a
 * new process), as with ipykernel.
 */
final class ShutdownHandler implements RequestHandler<Content.ShutdownRequest> {
    private final Runnable shutdown;

    ShutdownHandler(Runnable shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    public void handle(Message<Content.ShutdownRequest> request, Responder out) {
        out.reply(new Content.ShutdownReply("ok", request.content().restart()));
        out.publish(new Content.Status("idle"));
        shutdown.run();
    }
}
