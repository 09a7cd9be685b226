package io.jotter.kernel.handler;

import io.jotter.kernel.comm.Comms;
import io.jotter.kernel.eval.JShellEvaluator;
import io.jotter.kernel.io.OutputCapture;
import io.jotter.kernel.io.StdinBridge;
import io.jotter.kernel.magic.CellRunner;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.transport.IopubHistory;
import io.jotter.kernel.transport.StdinChannel;
import java.util.concurrent.CompletableFuture;

/** Registers every handler; the kernel's one place that knows which request does what. */
public final class Handlers {
    private Handlers() {
    }

    /**
     * @param evaluator JShell, which is still starting while the first requests (kernel_info) are answered
     * @param comms the kernel's comms (widgets)
     * @param published what iopub published, for replay requests
     * @param shutdown ends the process after the shutdown reply is sent
     */
    public static Dispatcher dispatcher(CompletableFuture<JShellEvaluator> evaluator, CompletableFuture<CellRunner> runner,
                                        OutputCapture capture, CellOutput output, StdinChannel stdin,
                                        StdinBridge stdinBridge, Comms comms, IopubHistory published,
                                        Runnable shutdown) {
        History history = new History();
        CellInterrupts interrupts = new CellInterrupts(evaluator);
        CommHandlers commHandlers = new CommHandlers(comms, evaluator::join, interrupts, output, capture);
        return new Dispatcher()
                .on(Content.KernelInfoRequest.class, new KernelInfoHandler())
                .on(Content.ExecuteRequest.class,
                        new ExecuteHandler(runner::join, interrupts, capture, output, stdin, stdinBridge, history))
                .on(Content.CompleteRequest.class, new CompleteHandler(evaluator::join))
                .on(Content.InspectRequest.class, new InspectHandler(evaluator::join))
                .on(Content.IsCompleteRequest.class, new IsCompleteHandler(evaluator::join))
                .on(Content.HistoryRequest.class, new HistoryHandler(history))
                .on(Content.CommInfoRequest.class, new CommInfoHandler(comms))
                .on(Content.CommOpen.class, commHandlers.open())
                .on(Content.CommMsg.class, commHandlers.message())
                .on(Content.CommClose.class, commHandlers.close())
                .on(Content.InterruptRequest.class, new InterruptHandler(interrupts, stdin))
                .on(Content.ShutdownRequest.class, new ShutdownHandler(shutdown))
                .onQuietly(Content.ReplayRequest.class, new ReplayHandler(published));
    }
}
