package io.jotter.kernel.handler;

import io.jotter.kernel.comm.Comms;
import io.jotter.kernel.display.DisplayBinding;
import io.jotter.kernel.eval.CellOutcome;
import io.jotter.kernel.eval.JShellEvaluator;
import io.jotter.kernel.io.OutputCapture;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Message;
import java.util.function.Supplier;

/**
 * {@code comm_open}, {@code comm_msg} and {@code comm_close} from a front end (a widget moved, a button clicked): the
 * comm's handlers run as a cell does, on the request thread in order with cells, stoppable by an interrupt, with
 * their output and displays parented to the comm message. An exception in a handler is published as an error.
 * None of these is answered with a reply, per the spec.
 */
final class CommHandlers {
    private final Comms comms;
    private final Supplier<JShellEvaluator> evaluator;
    private final CellInterrupts interrupts;
    private final CellOutput output;
    private final OutputCapture capture;

    CommHandlers(Comms comms, Supplier<JShellEvaluator> evaluator, CellInterrupts interrupts, CellOutput output,
                 OutputCapture capture) {
        this.comms = comms;
        this.evaluator = evaluator;
        this.interrupts = interrupts;
        this.output = output;
        this.capture = capture;
    }

    RequestHandler<Content.CommOpen> open() {
        return (request, out) -> run(request, out, () -> comms.openedByPeer(request.content()));
    }

    RequestHandler<Content.CommMsg> message() {
        return (request, out) -> run(request, out, () -> comms.received(request.content()));
    }

    RequestHandler<Content.CommClose> close() {
        return (request, out) -> run(request, out, () -> comms.closedByPeer(request.content()));
    }

    private void run(Message<?> request, Responder out, Runnable handlers) {
        Message<?> cell = output.attached();
        interrupts.cellStarted();
        output.attach(request);
        CellOutcome outcome;
        try (DisplayBinding ignored = DisplayBinding.bind(output)) {
            outcome = evaluator.get().runCallback(handlers);
        } finally {
            capture.drain();
            output.attach(cell);
            interrupts.cellEnded();
        }
        if (!(outcome instanceof CellOutcome.Success)) {
            out.publish(ExecuteHandler.errorOf(outcome, "the widget's handler was stopped"));
        }
    }
}
