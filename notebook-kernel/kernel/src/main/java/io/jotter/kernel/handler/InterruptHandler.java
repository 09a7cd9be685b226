package io.jotter.kernel.handler;

import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.transport.StdinChannel;

/** {@code interrupt_request} (control channel, interrupt_mode "message"): stops the running cell, or the one about to run. */
final class InterruptHandler implements RequestHandler<Content.InterruptRequest> {
    private final CellInterrupts interrupts;
    private final StdinChannel stdin;

    InterruptHandler(CellInterrupts interrupts, StdinChannel stdin) {
        this.interrupts = interrupts;
        this.stdin = stdin;
    }

    @Override
    public void handle(Message<Content.InterruptRequest> request, Responder out) {
        stdin.cancel();
        interrupts.interrupt();
        out.reply(new Content.InterruptReply("ok"));
    }
}
