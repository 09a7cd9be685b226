package io.jotter.kernel.handler;

import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.transport.IopubHistory;
import java.util.List;

/**
 * {@code jotter_replay_request} (control, while a cell runs on shell; shell answers it too): what the kernel
 * published on iopub for the given requests. Only the reply carries it, never iopub, where every other
 * subscriber would see the output twice.
 */
final class ReplayHandler implements RequestHandler<Content.ReplayRequest> {
    private final IopubHistory history;

    ReplayHandler(IopubHistory history) {
        this.history = history;
    }

    @Override
    public void handle(Message<Content.ReplayRequest> request, Responder out) {
        List<String> ids = request.content().parentMsgIds();
        out.reply(history.replay(ids == null ? List.of() : ids));
    }
}
