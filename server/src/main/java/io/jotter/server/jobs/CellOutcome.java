package io.jotter.server.jobs;

import java.time.Instant;
import java.util.Map;

/**
 * How one cell's run ended.
 *
 * @param status the execute_reply's: {@code ok}, {@code error} or {@code aborted}; {@code stopped} when the job
 *     stopped waiting (cancelled, out of time, the kernel gone)
 * @param error for an error, {@code ename: evalue}
 * @param timings nbclient's names ({@code iopub.execute_input}, {@code shell.execute_reply}, ...) and when
 */
record CellOutcome(String status, String error, Map<String, Instant> timings) {
    boolean ok() {
        return "ok".equals(status);
    }

    boolean stopped() {
        return "stopped".equals(status);
    }
}
