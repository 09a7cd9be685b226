package io.jotter.kernel.handler;

import io.jotter.kernel.eval.JShellEvaluator;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.transport.StdinChannel;
import java.util.concurrent.CompletableFuture;

/** {@code interrupt_request} (control channel, interrupt_mode "message"): stops the running cell. */
final class InterruptHandler implements RequestHandler<Content.InterruptRequest> {
    private final CompletableFuture<JShellEvaluator> evaluator;
    private final StdinChannel stdin;

    InterruptHandler(CompletableFuture<JShellEvaluator> evaluator, StdinChannel stdin) {
        this.evaluator = evaluator;
        this.stdin = stdin;
    }

    @Override
    public void handle(Message<Content.InterruptRequest> request, Responder out) {
        stdin.cancel();
        JShellEvaluator running = evaluator.getNow(null);
        if (running != null) {
            running.stop();
        }
        out.reply(new Content.InterruptReply("ok"));
    }
}
