package io.jotter.kernel.handler;

import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;
import java.util.Map;

/** {@code comm_info_request}: this kernel opens no comms (no widgets yet). */
final class CommInfoHandler implements RequestHandler<Content.CommInfoRequest> {
    @Override
    public void handle(Message<Content.CommInfoRequest> request, Responder out) {
        out.reply(new Content.CommInfoReply("ok", Map.of()));
    }
}
