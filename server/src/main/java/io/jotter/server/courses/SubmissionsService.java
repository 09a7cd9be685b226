package io.jotter.server.courses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jotter.auth.CourseAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Reading submissions and giving feedback: instructors see every student's, a student only their own.
 * Submissions are never changed; there is no way to write one but submitting.
 */
@ApplicationScoped
@Transactional
public class SubmissionsService {
    static final int LONGEST_FEEDBACK = 10_000;

    private final CourseworkStore coursework;
    private final CourseGuard guard;
    private final AssignmentsService assignments;
    private final ObjectMapper json;
    private final Clock clock;

    public SubmissionsService(CourseworkStore coursework, CourseGuard guard, AssignmentsService assignments,
                              ObjectMapper json, Clock clock) {
        this.coursework = coursework;
        this.guard = guard;
        this.assignments = assignments;
        this.json = json;
        this.clock = clock;
    }

    /** Every student's submissions of an assignment, without content; each student's newest is {@code latest}. */
    public List<SubmissionView> list(String courseId, String assignmentId) {
        CourseGuard.Access access = guard.require(courseId, CourseAction.REVIEW);
        Assignment assignment = assignments.assignment(access, assignmentId);
        List<Submission> all = coursework.submissions(assignment.id());
        Map<String, Long> latest = latestByStudent(all);
        return all.stream().map(s -> view(assignment, s, latest, false, null)).toList();
    }

    /** The caller's own submissions of an assignment with the feedback on each, without content. */
    public List<SubmissionView> mine(String courseId, String assignmentId) {
        CourseGuard.Access access = guard.require(courseId, CourseAction.WORK_ON_ASSIGNMENTS);
        Assignment assignment = assignments.assignment(access, assignmentId);
        List<Submission> own = coursework.submissions(assignment.id(), access.username());
        Map<Long, List<FeedbackView>> feedback = coursework.feedback(own.stream().map(Submission::id).toList())
                .stream().map(FeedbackView::of).collect(Collectors.groupingBy(FeedbackView::submissionId));
        Map<String, Long> latest = latestByStudent(own);
        return own.stream()
                .map(s -> view(assignment, s, latest, false, feedback.getOrDefault(s.id(), List.of())))
                .toList();
    }

    /** One submission, read-only: its frozen notebook and its feedback. For those who teach, and its student. */
    public SubmissionView read(String courseId, String assignmentId, String submissionId) {
        CourseGuard.Access access = guard.require(courseId, CourseAction.VIEW);
        Assignment assignment = assignments.assignment(access, assignmentId);
        Submission submission = submission(assignment, submissionId);
        guard.requireRead(access, submission);
        Map<String, Long> latest = latestByStudent(coursework.submissions(assignment.id(), submission.student()));
        List<FeedbackView> feedback = coursework.feedback(List.of(submission.id())).stream()
                .map(FeedbackView::of).toList();
        return view(assignment, submission, latest, true, feedback);
    }

    /** Feedback on a submission, or on one of its cells, from one who teaches the course. */
    public FeedbackView comment(String courseId, String assignmentId, String submissionId, String body,
                                String cellId) {
        CourseGuard.Access access = guard.require(courseId, CourseAction.REVIEW);
        Assignment assignment = assignments.assignment(access, assignmentId);
        Submission submission = submission(assignment, submissionId);
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.length() > LONGEST_FEEDBACK) {
            throw new BadCourseRequestException("Feedback needs a body of 1 to " + LONGEST_FEEDBACK + " characters");
        }
        if (cellId != null && !hasCell(submission, cellId)) {
            throw new BadCourseRequestException("The submission has no cell with that cell_id");
        }
        Feedback feedback = coursework.add(new Feedback(submission.id(), access.username(), cellId, text,
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
        return FeedbackView.of(feedback);
    }

    private Submission submission(Assignment assignment, String submissionId) {
        return CourseGuard.id(submissionId).flatMap(id -> coursework.submission(assignment.id(), id))
                .orElseThrow(CourseNotFoundException::submission);
    }

    /** Each student's newest submission: the one that counts. Submissions come oldest first. */
    private static Map<String, Long> latestByStudent(List<Submission> oldestFirst) {
        Map<String, Long> latest = new HashMap<>();
        oldestFirst.forEach(s -> latest.put(s.student(), s.id()));
        return latest;
    }

    private SubmissionView view(Assignment assignment, Submission submission, Map<String, Long> latest,
                                boolean withContent, List<FeedbackView> feedback) {
        return new SubmissionView(submission.id(), assignment.id(), submission.student(), submission.submittedAt(),
                assignment.isLate(submission.submittedAt()),
                Long.valueOf(submission.id()).equals(latest.get(submission.student())),
                withContent ? notebook(submission) : null, feedback);
    }

    private boolean hasCell(Submission submission, String cellId) {
        return StreamSupport.stream(notebook(submission).path("cells").spliterator(), false)
                .anyMatch(cell -> cellId.equals(cell.path("id").asText(null)));
    }

    private JsonNode notebook(Submission submission) {
        try {
            return json.readTree(submission.notebookJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("submission " + submission.id() + " holds no JSON", e);
        }
    }
}
