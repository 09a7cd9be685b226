package io.jotter.kernel.eval;

import java.util.List;

/** What running a cell gave. */
public sealed interface CellOutcome {

    /** The cell ran; {@code value} is present when its last snippet was an expression to show. */
    record Success(boolean hasValue, Object value) implements CellOutcome {
        public static Success noValue() {
            return new Success(false, null);
        }
    }

    /** The cell failed to compile or threw. The traceback's lines name the cell's own line numbers. */
    record Failure(String ename, String evalue, List<String> traceback) implements CellOutcome {
    }

    /** The cell was stopped by an interrupt. */
    record Interrupted() implements CellOutcome {
    }
}
