package io.jotter.kernel.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.kernel.eval.JShellEvaluator;
import io.jotter.kernel.eval.SourceAnalysis;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Json;
import io.jotter.kernel.protocol.Message;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code inspect_request}: the signatures of what is at the cursor and the summary of its Javadoc
 * (the whole Javadoc at detail level 1).
 */
final class InspectHandler implements RequestHandler<Content.InspectRequest> {
    private final Supplier<JShellEvaluator> evaluator;

    InspectHandler(Supplier<JShellEvaluator> evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public void handle(Message<Content.InspectRequest> request, Responder out) {
        String code = request.content().code() == null ? "" : request.content().code();
        int cursor = CodePoints.toCharIndex(code, request.content().cursorPos());
        boolean detailed = request.content().detailLevel() != null && request.content().detailLevel() > 0;
        List<SourceAnalysis.Documentation> docs = evaluator.get().analysis().inspect(code, cursor);
        ObjectNode data = Json.MAPPER.createObjectNode();
        if (!docs.isEmpty()) {
            StringBuilder text = new StringBuilder();
            for (SourceAnalysis.Documentation doc : docs) {
                if (text.length() > 0) {
                    text.append("\n\n");
                }
                text.append(doc.signature());
                String javadoc = Javadoc.plain(doc.javadoc(), detailed);
                if (!javadoc.isEmpty()) {
                    text.append("\n").append(javadoc);
                }
            }
            data.put("text/plain", text.toString());
        }
        out.reply(new Content.InspectReply("ok", !docs.isEmpty(), data, Json.MAPPER.createObjectNode()));
    }
}
