package io.jotter.server.jobs;

import io.jotter.server.db.SqlTimes;
import io.jotter.server.kernels.KernelRegistry;
import io.jotter.server.kernels.RuntimeRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code jobs} table. State changes are conditional updates, so when a job's runner and a cancel race, the
 * first to write a final state wins and the other learns it lost. Compute units are read from the usage ledger's
 * lines for the job's runtime (read only: metering writes them).
 */
@ApplicationScoped
@Transactional
public class JobStore {
    private static final String COLUMNS = "j.id, j.owner, j.source_path, j.parameters::text, j.runtime_type, "
            + "j.kernel_name, j.state, j.runtime_id, j.result_path, j.error, j.continue_on_error, j.time_limit_ms, "
            + "j.cells_total, j.cells_done, j.cells_failed, j.created_at, j.started_at, j.finished_at, "
            + "(select -sum(l.compute_units) from usage_ledger l where l.runtime_id = j.runtime_id "
            + "and l.kind in ('meter', 'refund') and j.runtime_id is not null "
            + "having count(*) filter (where l.kind = 'meter') > 0), "
            + "j.course_id, j.assignment_id, j.submission_id, j.student";

    /** What a submission stores: the job, and the notebook it runs, frozen. */
    public record NewJob(String id, String owner, String sourcePath, String notebookJson, String parametersJson,
                         String runtimeType, String kernelName, String resultPath, boolean continueOnError,
                         Duration timeLimit, int cellsTotal, Instant createdAt, Job.CourseRun course) {
    }

    private final EntityManager entities;
    private final KernelRegistry kernels;

    public JobStore(EntityManager entities, KernelRegistry kernels) {
        this.entities = entities;
        this.kernels = kernels;
    }

    public void add(NewJob job) {
        Job.CourseRun course = job.course();
        entities.createNativeQuery("insert into jobs (id, owner, source_path, content, parameters, runtime_type, "
                        + "kernel_name, state, result_path, continue_on_error, time_limit_ms, cells_total, created_at, "
                        + "course_id, assignment_id, submission_id, student, replica) values (?1, ?2, ?3, "
                        + "cast(?4 as jsonb), cast(?5 as jsonb), ?6, ?7, 'queued', ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                        + "?16, ?17)")
                .setParameter(1, job.id()).setParameter(2, job.owner()).setParameter(3, job.sourcePath())
                .setParameter(4, job.notebookJson()).setParameter(5, job.parametersJson())
                .setParameter(6, job.runtimeType()).setParameter(7, job.kernelName()).setParameter(8, job.resultPath())
                .setParameter(9, job.continueOnError()).setParameter(10, job.timeLimit().toMillis())
                .setParameter(11, job.cellsTotal()).setParameter(12, SqlTimes.at(job.createdAt()))
                .setParameter(13, course == null ? null : course.courseId())
                .setParameter(14, course == null ? null : course.assignmentId())
                .setParameter(15, course == null ? null : course.submissionId())
                .setParameter(16, course == null ? null : course.student())
                .setParameter(17, kernels.replica())
                .executeUpdate();
    }

    /** The job waits for one of its replica's job slots (again, after a restart). */
    void waitsForSlot(String id) {
        entities.createNativeQuery("update jobs set slot_at = null where id = ?1").setParameter(1, id).executeUpdate();
    }

    /** The job took a job slot. */
    void tookSlot(String id, Instant at) {
        entities.createNativeQuery("update jobs set slot_at = ?2 where id = ?1").setParameter(1, id)
                .setParameter(2, SqlTimes.at(at)).executeUpdate();
    }

    /**
     * The job's place in line for its replica's job slots (they are taken in submission order), or empty when it holds
     * one or has ended.
     */
    Optional<Integer> slotPosition(String id) {
        List<?> rows = entities.createNativeQuery("select 1 + (select count(*) from jobs o where o.state = 'queued' "
                        + "and o.slot_at is null and o.replica is not distinct from j.replica "
                        + "and (o.created_at, o.id) < (j.created_at, j.id)) from jobs j "
                        + "where j.id = ?1 and j.state = 'queued' and j.slot_at is null")
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(row -> ((Number) row).intValue());
    }

    /** The job asks for its runtime under this reservation. */
    void runUnder(String id, long reservationId) {
        entities.createNativeQuery("update jobs set reservation_id = ?2 where id = ?1").setParameter(1, id)
                .setParameter(2, reservationId).executeUpdate();
    }

    /** The reservation the job runs under, or {@code null}. */
    Long reservationOf(String id) {
        List<?> rows = entities.createNativeQuery("select reservation_id from jobs where id = ?1").setParameter(1, id)
                .getResultList();
        return rows.isEmpty() || rows.get(0) == null ? null : ((Number) rows.get(0)).longValue();
    }

    public Optional<Job> find(String id) {
        return jobs("where j.id = ?1", id).stream().findFirst();
    }

    /** The owner's jobs, newest first. */
    public List<Job> of(String owner, int limit) {
        return jobs("where j.owner = ?1 order by j.created_at desc, j.id limit " + limit, owner);
    }

    /** Jobs run for an assignment's submissions, newest first. */
    public List<Job> ofAssignment(long assignmentId) {
        return jobs("where j.assignment_id = ?1 order by j.created_at desc, j.id", assignmentId);
    }

    /**
     * With replicas: takes over the jobs not yet ended whose replica is dead (silent for the lease, or gone) or that no
     * replica drives; of replicas racing for a job, one gets it.
     *
     * @return the ids of the jobs now {@code replica}'s
     */
    public List<String> claimOrphans(String replica, Duration lease) {
        List<?> ids = entities.createNativeQuery("update jobs set replica = ?1"
                        + " where state in ('queued', 'starting', 'running') and (replica is null or replica <> ?1)"
                        + " and (replica is null or replica not in (" + RuntimeRecords.LIVE_REPLICAS + ")) returning id")
                .setParameter(1, replica).setParameter(2, RuntimeRecords.lease(lease)).getResultList();
        return ids.stream().map(String.class::cast).toList();
    }

    /** Jobs not yet ended, oldest first: what a restarted server has to settle. */
    public List<Job> live() {
        return jobs("where j.state in ('queued', 'starting', 'running') order by j.created_at, j.id", null);
    }

    /** The frozen notebook the job runs. */
    public String notebook(String id) {
        return (String) entities.createNativeQuery("select content::text from jobs where id = ?1").setParameter(1, id)
                .getSingleResult();
    }

    /** Queued → starting, on the runtime now being its own; false when it was cancelled meanwhile. */
    public boolean starting(String id, String runtimeId) {
        return entities.createNativeQuery("update jobs set state = 'starting', runtime_id = ?2 where id = ?1 "
                + "and state = 'queued'").setParameter(1, id).setParameter(2, runtimeId).executeUpdate() > 0;
    }

    /** Starting → running: the kernel answered and the first cell is on its way. */
    public boolean running(String id, Instant now) {
        return entities.createNativeQuery("update jobs set state = 'running', started_at = ?2 where id = ?1 "
                + "and state = 'starting'").setParameter(1, id).setParameter(2, SqlTimes.at(now)).executeUpdate() > 0;
    }

    /**
     * Ends the job, unless something else ended it first.
     *
     * @return whether this call ended it
     */
    public boolean finish(String id, JobState state, String error, Instant now) {
        return entities.createNativeQuery("update jobs set state = ?2, error = ?3, finished_at = ?4 where id = ?1 "
                        + "and state in ('queued', 'starting', 'running')")
                .setParameter(1, id).setParameter(2, state.wire()).setParameter(3, error).setParameter(4, SqlTimes.at(now))
                .executeUpdate() > 0;
    }

    private List<Job> jobs(String where, Object parameter) {
        var query = entities.createNativeQuery("select " + COLUMNS + " from jobs j " + where);
        if (parameter != null) {
            query.setParameter(1, parameter);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(JobStore::job).toList();
    }

    private static Job job(Object[] row) {
        Job.CourseRun course = row[19] == null ? null : new Job.CourseRun(((Number) row[19]).longValue(),
                ((Number) row[20]).longValue(), ((Number) row[21]).longValue(), (String) row[22]);
        return new Job((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                (String) row[5], JobState.parse((String) row[6]), (String) row[7], (String) row[8], (String) row[9],
                (Boolean) row[10], Duration.ofMillis(((Number) row[11]).longValue()), ((Number) row[12]).intValue(),
                ((Number) row[13]).intValue(), ((Number) row[14]).intValue(), SqlTimes.instant(row[15]), SqlTimes.instant(row[16]),
                SqlTimes.instant(row[17]), (BigDecimal) row[18], course);
    }
}
