package io.jotter.kernel.handler;

import io.jotter.kernel.eval.JShellEvaluator;
import io.jotter.kernel.eval.SourceAnalysis;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Json;
import io.jotter.kernel.protocol.Message;
import java.util.function.Supplier;

/** {@code complete_request}, from JShell's completion. Cursor positions are in Unicode code points, as the spec says. */
final class CompleteHandler implements RequestHandler<Content.CompleteRequest> {
    private final Supplier<JShellEvaluator> evaluator;

    CompleteHandler(Supplier<JShellEvaluator> evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public void handle(Message<Content.CompleteRequest> request, Responder out) {
        String code = request.content().code() == null ? "" : request.content().code();
        int cursor = CodePoints.toCharIndex(code, request.content().cursorPos());
        SourceAnalysis.Completions completions = evaluator.get().analysis().complete(code, cursor);
        out.reply(new Content.CompleteReply("ok", completions.matches(),
                CodePoints.toCodePointIndex(code, completions.start()),
                CodePoints.toCodePointIndex(code, completions.end()), Json.MAPPER.createObjectNode()));
    }
}
