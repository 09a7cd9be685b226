package io.jotter.kernel.handler;

import io.jotter.kernel.eval.JShellEvaluator;
import java.util.concurrent.CompletableFuture;

/**
 * Which cell an {@code interrupt_request} is for: the one in progress, from the moment its
 * {@code execute_request} is taken (JShell may still be starting, the cell still compiling) until its
 * reply. An interrupt while no cell is in progress stops nothing, now or later.
 */
final class CellInterrupts {
    private final CompletableFuture<JShellEvaluator> evaluator;
    private boolean inCell;

    CellInterrupts(CompletableFuture<JShellEvaluator> evaluator) {
        this.evaluator = evaluator;
    }

    synchronized void cellStarted() {
        inCell = true;
    }

    /** The cell is over, however it ended. */
    synchronized void cellEnded() {
        inCell = false;
        JShellEvaluator ready = evaluator.getNow(null);
        if (ready != null) {
            ready.clearStop();
        }
    }

    /** Stops the cell in progress, or the one about to run once JShell is up; nothing when there is none. */
    synchronized void interrupt() {
        if (inCell) {
            evaluator.thenAccept(JShellEvaluator::stop);
        }
    }
}
