package io.jotter.kernel.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.kernel.display.DisplayBinding;
import io.jotter.kernel.display.MimeBundle;
import io.jotter.kernel.display.Renderers;
import io.jotter.kernel.eval.CellOutcome;
import io.jotter.kernel.io.OutputCapture;
import io.jotter.kernel.io.StdinBridge;
import io.jotter.kernel.magic.CellRunner;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Json;
import io.jotter.kernel.protocol.Message;
import io.jotter.kernel.transport.StdinChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code execute_request}: runs a cell with its output, display and stdin wired to the request,
 * then publishes its value or its error and replies.
 */
public final class ExecuteHandler implements RequestHandler<Content.ExecuteRequest> {
    private final Supplier<CellRunner> runner;
    private final CellInterrupts interrupts;
    private final OutputCapture capture;
    private final CellOutput output;
    private final StdinChannel stdin;
    private final StdinBridge stdinBridge;
    private final History history;
    private int executionCount;

    ExecuteHandler(Supplier<CellRunner> runner, CellInterrupts interrupts, OutputCapture capture, CellOutput output,
                   StdinChannel stdin, StdinBridge stdinBridge, History history) {
        this.runner = runner;
        this.interrupts = interrupts;
        this.capture = capture;
        this.output = output;
        this.stdin = stdin;
        this.stdinBridge = stdinBridge;
        this.history = history;
    }

    @Override
    public void handle(Message<Content.ExecuteRequest> request, Responder out) {
        // From here to the reply, an interrupt is for this cell, even before it starts to run.
        interrupts.cellStarted();
        try {
            execute(request, out);
        } finally {
            interrupts.cellEnded();
        }
    }

    private void execute(Message<Content.ExecuteRequest> request, Responder out) {
        Content.ExecuteRequest cell = request.content();
        String code = cell.code() == null ? "" : cell.code();
        if (!cell.isSilent()) {
            executionCount++;
            out.publish(new Content.ExecuteInput(code, executionCount));
        }
        int count = executionCount;
        CellOutcome outcome = run(request, code, count);
        if (cell.storesHistory()) {
            history.add(count, code);
        }
        if (outcome instanceof CellOutcome.Success success) {
            if (success.hasValue() && !cell.isSilent()) {
                MimeBundle bundle = Renderers.render(success.value());
                out.publish(new Content.ExecuteResult(count, bundle.data(), bundle.metadata()));
            }
            out.reply(Content.ExecuteReply.ok(count, userExpressions(cell.userExpressions())));
            return;
        }
        Content.Error error = errorOf(outcome);
        out.publish(error);
        if (cell.stopsOnError()) {
            // Before the reply: what the client sends once it knows of the error must run.
            out.abortQueued();
        }
        out.reply(Content.ExecuteReply.error(count, error.ename(), error.evalue(), error.traceback()));
    }

    private CellOutcome run(Message<Content.ExecuteRequest> request, String code, int count) {
        CellRunner cells = runner.get();
        output.attach(request);
        stdinBridge.discard();
        stdin.begin(request, request.content().allowsStdin());
        try (DisplayBinding ignored = DisplayBinding.bind(output)) {
            return cells.run(code, "[" + count + "]");
        } catch (RuntimeException | LinkageError e) {
            return new CellOutcome.Failure(e.getClass().getName(), String.valueOf(e.getMessage()),
                    List.of("the kernel failed to run this cell: " + e));
        } finally {
            stdin.begin(request, false);
            capture.drain();
        }
    }

    private static Content.Error errorOf(CellOutcome outcome) {
        return errorOf(outcome, "the cell was stopped; what it defined before it started is still there");
    }

    /** The error a failed or interrupted outcome is shown as; {@code stopped} says what an interrupt stopped. */
    static Content.Error errorOf(CellOutcome outcome, String stopped) {
        if (outcome instanceof CellOutcome.Failure failure) {
            return new Content.Error(failure.ename(), failure.evalue(), failure.traceback());
        }
        return new Content.Error("Interrupted", stopped, List.of("\u001b[0;31mInterrupted\u001b[0m: " + stopped));
    }

    /** Each user expression's value as a MIME bundle, or its error, as the spec lays out. */
    private Map<String, JsonNode> userExpressions(Map<String, String> expressions) {
        if (expressions == null || expressions.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (Map.Entry<String, String> expression : expressions.entrySet()) {
            ObjectNode result = Json.MAPPER.createObjectNode();
            CellOutcome outcome = runner.get().evaluateExpression(expression.getValue());
            if (outcome instanceof CellOutcome.Success success) {
                MimeBundle bundle = Renderers.render(success.value());
                result.put("status", "ok").set("data", bundle.data());
                result.set("metadata", bundle.metadata());
            } else {
                Content.Error error = errorOf(outcome);
                result.put("status", "error").put("ename", error.ename()).put("evalue", error.evalue());
                result.set("traceback", Json.MAPPER.valueToTree(error.traceback()));
            }
            results.put(expression.getKey(), result);
        }
        return results;
    }
}
