package io.jotter.kernel.handler;

import io.jotter.kernel.comm.Comms;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;

/** {@code comm_info_request}: the kernel's open comms of the asked target (a reloaded page finds its widgets so). */
final class CommInfoHandler implements RequestHandler<Content.CommInfoRequest> {
    private final Comms comms;

    CommInfoHandler(Comms comms) {
        this.comms = comms;
    }

    @Override
    public void handle(Message<Content.CommInfoRequest> request, Responder out) {
        out.reply(new Content.CommInfoReply("ok", comms.describe(request.content().targetName())));
    }
}
