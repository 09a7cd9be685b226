package io.jotter.kernel.handler;

import io.jotter.kernel.eval.JShellEvaluator;
import io.jotter.kernel.eval.SourceAnalysis;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;
import java.util.function.Supplier;

/** {@code is_complete_request}: whether a console should run the code or wait for another line. */
final class IsCompleteHandler implements RequestHandler<Content.IsCompleteRequest> {
    private final Supplier<JShellEvaluator> evaluator;

    IsCompleteHandler(Supplier<JShellEvaluator> evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public void handle(Message<Content.IsCompleteRequest> request, Responder out) {
        String code = request.content().code() == null ? "" : request.content().code();
        SourceAnalysis.Status status = evaluator.get().analysis().isComplete(code);
        out.reply(switch (status) {
            case COMPLETE -> new Content.IsCompleteReply("complete", null);
            case INCOMPLETE -> new Content.IsCompleteReply("incomplete", indentAfter(code));
            case INVALID -> new Content.IsCompleteReply("invalid", null);
        });
    }

    /** The next line's indent: that of the last line, one level deeper after an opening brace. */
    private static String indentAfter(String code) {
        String last = code.substring(code.lastIndexOf('\n') + 1);
        String indent = last.substring(0, last.length() - last.stripLeading().length());
        return last.strip().endsWith("{") ? indent + "    " : indent;
    }
}
