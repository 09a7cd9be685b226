package io.jotter.server.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.kernel.protocol.Content;
import io.jotter.server.kernels.KernelActivity;
import io.jotter.server.kernels.KernelNotFoundException;
import io.jotter.server.kernels.RunningKernel;
import io.jotter.server.outputs.CellRun;
import io.jotter.server.outputs.NotebookCell;
import io.jotter.server.runtimes.RuntimeRefusedException;
import io.jotter.server.runtimes.RuntimeRequests;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One job's run, on a runner thread: get a runtime (waiting in its type's queue if need be), run the cells top to
 * bottom with no browser, write each cell's outputs and timings into the executed notebook as they come, stop at
 * the first error unless told to go on, and stop the runtime at the end, which closes its metering.
 */
final class JobExecution implements Runnable {
    private static final Logger LOG = Logger.getLogger(JobExecution.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration KERNEL_READY = Duration.ofSeconds(60);
    private static final Duration TICKET_POLL = Duration.ofMillis(250);

    private record Ending(JobState state, String error) {
    }

    private final Job job;
    private final JobRunner.Services services;
    private volatile String stopReason;
    private volatile String ticketId;
    private volatile String runtimeId;
    private volatile String kernelEnded;
    private volatile Instant deadline;

    JobExecution(Job job, JobRunner.Services services) {
        this.job = job;
        this.services = services;
    }

    String jobId() {
        return job.id();
    }

    String runtimeId() {
        return runtimeId;
    }

    /** The queued runtime request it waits on, while it waits. */
    Optional<RuntimeRequests.Ticket> ticket() {
        String id = ticketId;
        return id == null ? Optional.empty() : services.requests().ticket(id, job.owner())
                .filter(ticket -> "queued".equals(ticket.state()));
    }

    @Override
    public void run() {
        Ending ending;
        try {
            ending = execute();
        } catch (RuntimeRefusedException | NoRuntimeException e) {
            ending = new Ending(JobState.FAILED, "no runtime: " + e.getMessage());
        } catch (RuntimeException | IOException e) {
            LOG.errorf(e, "job %s of %s could not run", job.id(), job.owner());
            ending = new Ending(JobState.FAILED, "Jotter could not run the job: " + e.getMessage());
        }
        stopRuntime(ending.state() == JobState.SUCCEEDED ? "the job finished" : "the job ended: " + ending.error());
        try {
            services.store().finish(job.id(), ending.state(), ending.error(), services.clock().instant());
            services.store().find(job.id()).ifPresent(done ->
                    services.notebooks().writeJob(job.owner(), job.resultPath(), JobDescription.of(done)));
        } finally {
            services.runner().forget(this);
        }
    }

    /** Cancelled by its owner: stops waiting for a runtime, or stops the runtime now (metering closes). */
    void cancel(String reason) {
        stopReason = reason;
        String ticket = ticketId;
        if (ticket != null) {
            services.requests().cancel(ticket, job.owner());
        }
        stopRuntime(reason);
    }

    /** Its kernel was stopped or died, not by this job: why, for the job's error. */
    void kernelEnded(String reason) {
        kernelEnded = reason == null ? "the runtime was shut down" : reason;
    }

    private Ending execute() throws IOException {
        RunningKernel kernel = runtime();
        if (kernel == null) {
            return new Ending(JobState.CANCELLED, stopReason == null ? "cancelled" : stopReason);
        }
        if (!services.store().starting(job.id(), kernel.id()) || stopReason != null) {
            return new Ending(JobState.CANCELLED, stopReason == null ? "cancelled" : stopReason);
        }
        ExecutedNotebook notebook = new ExecutedNotebook((ObjectNode) JSON.readTree(services.store().notebook(job.id())));
        notebook.allPending();
        try (HeadlessKernel client = new HeadlessKernel(kernel.handle().connection(), services.clock())) {
            if (!client.ready(KERNEL_READY, this::stop)) {
                return new Ending(JobState.FAILED, Optional.ofNullable(stop()).orElse("the kernel did not answer within "
                        + KERNEL_READY.toSeconds() + " s"));
            }
            deadline = services.clock().instant().plus(job.timeLimit());
            services.store().running(job.id(), services.clock().instant());
            describe(notebook);
            return runCells(client, kernel, notebook);
        }
    }

    /** The job's runtime: started now, or after waiting in line; {@code null} when cancelled meanwhile. */
    private RunningKernel runtime() {
        if (stopReason != null || services.store().find(job.id()).map(Job::state).filter(JobState::isFinal).isPresent()) {
            return null;
        }
        Object outcome = services.requests().request(job.owner(), job.runtimeType(), job.kernelName(),
                services.store().reservationOf(job.id()));
        if (outcome instanceof RunningKernel kernel) {
            runtimeId = kernel.id();
            return kernel;
        }
        RuntimeRequests.Ticket ticket = (RuntimeRequests.Ticket) outcome;
        ticketId = ticket.id();
        while (stopReason == null) {
            ticket = services.requests().ticket(ticket.id(), job.owner()).orElse(null);
            if (ticket == null) {
                throw new NoRuntimeException("the server forgot the runtime request");
            }
            switch (ticket.state()) {
                case "started" -> {
                    runtimeId = ticket.runtimeId();
                    ticketId = null;
                    return services.kernels().find(runtimeId)
                            .orElseThrow(() -> new NoRuntimeException("its runtime stopped as soon as it started"));
                }
                case "refused" -> throw new NoRuntimeException(ticket.message());
                case "cancelled" -> {
                    return null;
                }
                default -> sleep(TICKET_POLL);
            }
        }
        return null;
    }

    private Ending runCells(HeadlessKernel client, RunningKernel kernel, ExecutedNotebook notebook) {
        List<Integer> cells = notebook.runnableCells();
        int done = 0;
        int failed = 0;
        String firstError = null;
        for (int n = 0; n < cells.size(); n++) {
            int index = cells.get(n);
            LiveCell live = new LiveCell(notebook, index);
            notebook.status(index, "running");
            long started = System.nanoTime();
            CellOutcome outcome = client.execute(notebook.code(index), content -> live.received(content, kernel),
                    () -> live.tick());
            live.settle(outcome, (System.nanoTime() - started) / 1_000_000);
            done++;
            failed += outcome.ok() || outcome.stopped() ? 0 : 1;
            written(notebook, index, done, failed);
            if (outcome.stopped()) {
                skipRest(notebook, cells, n + 1);
                return new Ending(stopReason != null ? JobState.CANCELLED : JobState.FAILED, outcome.error());
            }
            if (!outcome.ok()) {
                firstError = firstError != null ? firstError : "cell " + (index + 1) + " raised " + outcome.error();
                if (!job.continueOnError()) {
                    skipRest(notebook, cells, n + 1);
                    return new Ending(JobState.FAILED, firstError);
                }
            }
        }
        return new Ending(JobState.SUCCEEDED, failed == 0 ? null
                : failed + " cell(s) raised errors and the job ran on (continue_on_error); the first: " + firstError);
    }

    private void skipRest(ExecutedNotebook notebook, List<Integer> cells, int from) {
        for (int n = from; n < cells.size(); n++) {
            notebook.status(cells.get(n), "skipped");
            write(notebook, cells.get(n));
        }
    }

    /** A reason to stop now, or {@code null}: cancelled, out of time, or the runtime gone. */
    private String stop() {
        if (stopReason != null) {
            return stopReason;
        }
        Instant until = deadline;
        if (until != null && !services.clock().instant().isBefore(until)) {
            return "the job reached its time limit of " + job.timeLimit().toSeconds() + " s";
        }
        Optional<RunningKernel> kernel = services.kernels().find(runtimeId);
        if (kernel.isEmpty() || KernelActivity.DEAD.equals(kernel.get().activity().executionState())) {
            return "its runtime ended: " + Optional.ofNullable(kernelEnded).orElse("the kernel's process ended");
        }
        return null;
    }

    /** Writes one cell, and the job as last read (its description changes with its state, not per cell). */
    private void write(ExecutedNotebook notebook, int index) {
        if (notebook.description().isMissingNode()) {
            describe(notebook);
        }
        try {
            services.notebooks().writeCell(job.owner(), job.resultPath(), index, notebook.cell(index),
                    notebook.description());
        } catch (RuntimeException e) {
            LOG.warnf("could not store cell %d of job %s in %s: %s", index, job.id(), job.resultPath(), e.toString());
        }
    }

    /** A cell ran: it is written with the job's progress. */
    private void written(ExecutedNotebook notebook, int index, int done, int failed) {
        try {
            services.notebooks().writeCell(job.owner(), job.resultPath(), index, notebook.cell(index),
                    notebook.description(), job.id(), done, failed);
        } catch (RuntimeException e) {
            LOG.warnf("could not store cell %d of job %s in %s: %s", index, job.id(), job.resultPath(), e.toString());
        }
    }

    private void describe(ExecutedNotebook notebook) {
        services.store().find(job.id()).ifPresent(current -> notebook.describe(JobDescription.of(current)));
    }

    private void stopRuntime(String reason) {
        String id = runtimeId;
        if (id != null && services.kernels().find(id).isPresent()) {
            try {
                services.kernels().shutdown(id, reason);
            } catch (KernelNotFoundException e) {
                // Stopped meanwhile (cancelled, culled): metering closed there.
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the server is stopping");
        }
    }

    /** The job got no runtime: the queue refused it or lost it. */
    private static final class NoRuntimeException extends RuntimeException {
        NoRuntimeException(String message) {
            super(message);
        }
    }

    /** The running cell's outputs, written out at most once per flush interval while they arrive. */
    private final class LiveCell {
        private final ExecutedNotebook notebook;
        private final int index;
        private final CellRun run;
        private CellRun.Snapshot last;
        private long lastWrite = System.nanoTime();

        LiveCell(ExecutedNotebook notebook, int index) {
            this.notebook = notebook;
            this.index = index;
            this.run = new CellRun(runtimeId, new NotebookCell(job.owner(), job.resultPath(),
                    notebook.cell(index).path("id").asText("")), services.maxOutputBytes());
        }

        void received(Content content, RunningKernel kernel) {
            Instant now = services.clock().instant();
            if (content instanceof Content.Status status) {
                kernel.activity().stateReported(status.executionState(), now);
            } else {
                kernel.activity().touched(now);
            }
            run.apply(content);
        }

        /**
         * Between messages (at least every poll): what the cell has shown so far, and that it runs, is written
         * once a flush interval has passed since the last write; so quick cells cost no write until they end.
         */
        String tick() {
            if (System.nanoTime() - lastWrite >= services.flushInterval().toNanos()) {
                take();
                write(notebook, index);
                lastWrite = System.nanoTime();
            }
            return stop();
        }

        void settle(CellOutcome outcome, long durationMs) {
            take();
            notebook.timings(index, outcome.timings(), durationMs);
            notebook.status(index, outcome.ok() ? "completed" : outcome.stopped() ? "interrupted" : "failed");
        }

        private void take() {
            CellRun.Snapshot snapshot = run.takeChanges();
            if (snapshot != null) {
                last = snapshot;
            }
            if (last != null) {
                notebook.outputs(index, last.outputs(), last.executionCount());
            }
        }
    }
}
