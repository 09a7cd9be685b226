package io.jotter.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.jotter.server.contents.ContentsPath;
import io.jotter.server.courses.SubmissionView;
import io.jotter.server.courses.SubmissionsService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An instructor's runs of an assignment's submissions: each student's latest submission run as a job of the
 * instructor's (their quota, their tree: {@code jobs/course-C/assignment-A/STUDENT.job-ID.ipynb}), and the results
 * side by side. The first step towards autograding: what each notebook printed last, or the error it stopped at.
 */
@ApplicationScoped
public class AssignmentJobs {
    /** One submission's latest run. {@code lastOutput}: the last output of the last cell that had one, as text. */
    public record Result(String student, long submissionId, JobView job, String lastOutput) {
    }

    private static final int LONGEST_SUMMARY = 2000;

    private final SubmissionsService submissions;
    private final JobsService jobs;
    private final JobStore store;
    private final JobNotebooks notebooks;
    private final JobRunner runner;
    private final Clock clock;

    public AssignmentJobs(SubmissionsService submissions, JobsService jobs, JobStore store, JobNotebooks notebooks,
                          JobRunner runner, Clock clock) {
        this.submissions = submissions;
        this.jobs = jobs;
        this.store = store;
        this.notebooks = notebooks;
        this.runner = runner;
        this.clock = clock;
    }

    /** Runs every student's latest submission; only those who teach the course may. */
    public List<Job> run(String courseId, String assignmentId, JobsService.JobAsk ask) {
        List<JobsService.Source> sources = new ArrayList<>();
        for (SubmissionView submission : submissions.list(courseId, assignmentId)) {
            if (!submission.latest()) {
                continue;
            }
            SubmissionView full = submissions.read(courseId, assignmentId, Long.toString(submission.id()));
            ContentsPath directory = ContentsPath.parse("jobs/course-" + courseId + "/assignment-" + assignmentId);
            String stem = submission.student().replaceAll("[/\\\\\\p{Cntrl}]", "_");
            sources.add(new JobsService.Source("course " + courseId + ", assignment " + assignmentId + ", "
                    + submission.student() + "'s submission " + submission.id(), full.content(), directory, stem,
                    new Job.CourseRun(Long.parseLong(courseId), submission.assignmentId(), submission.id(),
                            submission.student())));
        }
        if (sources.isEmpty()) {
            throw new BadJobRequestException("The assignment has no submissions to run yet.");
        }
        JobsService.JobAsk settings = ask == null ? new JobsService.JobAsk(null, null, null, null, null, null) : ask;
        return jobs.submit(settings, sources);
    }

    /** The latest run of each submission that has been run, newest first. */
    public List<Result> results(String courseId, String assignmentId) {
        List<SubmissionView> all = submissions.list(courseId, assignmentId);
        if (all.isEmpty()) {
            return List.of();
        }
        Set<Long> seen = new HashSet<>();
        List<Result> results = new ArrayList<>();
        for (Job job : store.ofAssignment(all.get(0).assignmentId())) {
            if (job.course() != null && seen.add(job.course().submissionId())) {
                results.add(new Result(job.course().student(), job.course().submissionId(),
                        JobView.of(job, runner, clock), lastOutput(job)));
            }
        }
        return results;
    }

    private String lastOutput(Job job) {
        return notebooks.read(job.owner(), job.resultPath()).map(JobsService::parse).map(AssignmentJobs::summary)
                .orElse(null);
    }

    static String summary(JsonNode notebook) {
        JsonNode cells = notebook.path("cells");
        for (int i = cells.size() - 1; i >= 0; i--) {
            JsonNode outputs = cells.get(i).path("outputs");
            if (outputs.isArray() && !outputs.isEmpty()) {
                String text = text(outputs.get(outputs.size() - 1));
                return text.length() <= LONGEST_SUMMARY ? text : "…" + text.substring(text.length() - LONGEST_SUMMARY);
            }
        }
        return null;
    }

    private static String text(JsonNode output) {
        return switch (output.path("output_type").asText()) {
            case "error" -> output.path("ename").asText() + ": " + output.path("evalue").asText();
            case "stream" -> multiline(output.path("text")).strip();
            default -> multiline(output.path("data").path("text/plain"));
        };
    }

    /** nbformat's multiline strings: a string, or a list of lines. */
    private static String multiline(JsonNode text) {
        if (!text.isArray()) {
            return text.asText("");
        }
        StringBuilder joined = new StringBuilder();
        text.forEach(line -> joined.append(line.asText()));
        return joined.toString();
    }
}
