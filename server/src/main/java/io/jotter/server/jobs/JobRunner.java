package io.jotter.server.jobs;

import io.jotter.server.kernels.KernelEvent;
import io.jotter.server.kernels.KernelRegistry;
import io.jotter.server.runtimes.RuntimeRequests;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs jobs on a bounded pool of threads, one {@link JobExecution} each; more jobs than threads wait their turn,
 * queued. Knows which job runs on which runtime, so a cancel reaches it and a runtime stopped by someone else
 * (culled at its lifetime, out of quota) ends its job with the reason.
 */
@Singleton
public class JobRunner {
    /** What an execution needs of the server. */
    record Services(JobRunner runner, JobStore store, JobNotebooks notebooks, RuntimeRequests requests,
                    KernelRegistry kernels, Clock clock, Duration flushInterval, long maxOutputBytes) {
    }

    private final JobStore store;
    private final Services services;
    private final ExecutorService threads;
    private final int slots;
    private final Map<String, JobExecution> executions = new ConcurrentHashMap<>();

    public JobRunner(JobStore store, JobNotebooks notebooks, RuntimeRequests requests, KernelRegistry kernels,
                     Clock clock, JobsConfig config,
                     @ConfigProperty(name = "jotter.outputs.max-bytes-per-cell", defaultValue = "16777216") long maxBytes) {
        this.store = store;
        this.services = new Services(this, store, notebooks, requests, kernels, clock, config.flushInterval(), maxBytes);
        this.slots = config.concurrency();
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(slots, runnable -> {
            Thread thread = new Thread(runnable, "job-runner-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the stored job when a thread is free. */
    public void submit(String jobId) {
        Job job = store.find(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
        JobExecution execution = new JobExecution(job, services);
        if (executions.putIfAbsent(jobId, execution) == null) {
            store.waitsForSlot(jobId);
            threads.execute(() -> {
                store.tookSlot(jobId, services.clock().instant());
                execution.run();
            });
        }
    }

    /**
     * Cancels the job: it is marked cancelled first (so its runner cannot mark it anything else), then its queued
     * request is withdrawn or its runtime stopped, before this returns.
     *
     * @return whether this call cancelled it (false: it had ended)
     */
    public boolean cancel(Job job, String reason) {
        if (!store.finish(job.id(), JobState.CANCELLED, reason, services.clock().instant())) {
            return false;
        }
        JobExecution execution = executions.get(job.id());
        if (execution != null) {
            execution.cancel(reason);
        }
        return true;
    }

    /** Whether this server is running the job now (a restarted one is not, whatever the table says). */
    public boolean isRunning(String jobId) {
        return executions.containsKey(jobId);
    }

    /** The job's place in line for a job slot, while it waits for one. */
    Optional<Integer> slotPosition(String jobId) {
        return store.slotPosition(jobId);
    }

    /** How many jobs this server runs at once. */
    int slots() {
        return slots;
    }

    /** The runtime request the job waits on, while it waits in its type's queue. */
    public Optional<RuntimeRequests.Ticket> ticket(String jobId) {
        return Optional.ofNullable(executions.get(jobId)).flatMap(JobExecution::ticket);
    }

    void forget(JobExecution execution) {
        executions.remove(execution.jobId(), execution);
    }

    void onKernelEvent(@Observes KernelEvent event) {
        if (event.type() != KernelEvent.Type.STOPPED && event.type() != KernelEvent.Type.DIED) {
            return;
        }
        String kernelId = event.kernel().id();
        executions.values().stream().filter(execution -> kernelId.equals(execution.runtimeId()))
                .forEach(execution -> execution.kernelEnded(event.reason()));
    }

    void onStop(@Observes ShutdownEvent event) {
        threads.shutdownNow();
    }
}
