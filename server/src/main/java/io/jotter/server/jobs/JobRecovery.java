package io.jotter.server.jobs;

import io.jotter.server.kernels.KernelRegistry;
import io.jotter.server.kernels.ReplicasConfig;
import io.jotter.server.runtimes.Runtimes;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * On start, after the runtime reconciler has settled the runtimes a previous server left, settles its jobs: a job
 * that was waiting for a runtime is queued again; one that had a runtime is failed with the reason, its runtime
 * closed and refunded (the reconciler has usually done so already: closing and refunding happen once).
 *
 * <p>A job whose kernel were still alive could be re-attached (the kernel keeps running cells; a new client would
 * follow its iopub). With local kernels that cannot happen: they are the server's children and die with it. It
 * becomes possible with a backend whose kernels outlive the server (Kubernetes pods); until then this says so.
 *
 * <p>With several replicas, a replica settles only the jobs it claims: those whose replica died (at its start, and
 * at every heartbeat after), never a live replica's.
 */
@Singleton
public class JobRecovery {
    static final String RESTARTED = "the server restarted while the job ran; its runtime was stopped and the compute "
            + "it used refunded";
    private static final Logger LOG = Logger.getLogger(JobRecovery.class);

    private final JobStore store;
    private final JobRunner runner;
    private final JobNotebooks notebooks;
    private final KernelRegistry kernels;
    private final Runtimes runtimes;
    private final Clock clock;

    private final ReplicasConfig replicas;

    public JobRecovery(JobStore store, JobRunner runner, JobNotebooks notebooks, KernelRegistry kernels,
                       Runtimes runtimes, Clock clock, ReplicasConfig replicas) {
        this.replicas = replicas;
        this.store = store;
        this.runner = runner;
        this.notebooks = notebooks;
        this.kernels = kernels;
        this.runtimes = runtimes;
        this.clock = clock;
    }

    /** After {@code RuntimeReconciler}'s (default priority) start observer. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        recover();
    }

    /** Settles every job this server is not running but the table says has not ended. */
    public void recover() {
        Set<String> claimed = replicas.enabled()
                ? Set.copyOf(store.claimOrphans(kernels.replica(), replicas.lease())) : null;
        for (Job job : store.live()) {
            if (runner.isRunning(job.id()) || (claimed != null && !claimed.contains(job.id()))) {
                continue;
            }
            if (job.state() == JobState.QUEUED) {
                LOG.infof("job %s of %s was waiting for a runtime when the server stopped: queued again",
                        job.id(), job.owner());
                runner.submit(job.id());
                continue;
            }
            settleLost(job);
        }
    }

    /** With replicas: the jobs of replicas that died since. */
    @Scheduled(every = "${jotter.replicas.heartbeat:2s}", delayed = "${jotter.replicas.heartbeat:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recoverFromDeadReplicas() {
        if (replicas.enabled()) {
            recover();
        }
    }

    private void settleLost(Job job) {
        String runtimeId = job.runtimeId();
        if (runtimeId != null && kernels.find(runtimeId).isPresent()) {
            // Only a backend whose kernels outlive the server gets here; no such backend re-attaches yet.
            kernels.shutdown(runtimeId, "its job could not be re-attached after the server restarted");
        }
        if (runtimeId != null) {
            runtimes.lost(runtimeId, "the server restarted while its job ran");
        }
        if (store.finish(job.id(), JobState.FAILED, RESTARTED, clock.instant())) {
            LOG.infof("job %s of %s was running when the server stopped: failed, its compute refunded",
                    job.id(), job.owner());
            store.find(job.id()).ifPresent(failed ->
                    notebooks.writeJob(failed.owner(), failed.resultPath(), JobDescription.of(failed)));
        }
    }
}
