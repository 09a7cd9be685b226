package io.jotter.server.courses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.auth.CourseAction;
import io.jotter.server.contents.ContentsPath;
import io.jotter.server.contents.ContentsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assignments: an instructor publishes one of their notebooks, frozen; a student starts one (their own
 * copy in their tree) and submits that copy, frozen again. Each method is one transaction.
 */
@ApplicationScoped
@Transactional
public class AssignmentsService {
    /** More copies of one title than anyone keeps: past this, starting asks the student to tidy up. */
    private static final int MOST_NAME_ATTEMPTS = 50;

    private final CourseworkStore coursework;
    private final CourseGuard guard;
    private final ContentsService contents;
    private final ObjectMapper json;
    private final Clock clock;

    public AssignmentsService(CourseworkStore coursework, CourseGuard guard, ContentsService contents,
                              ObjectMapper json, Clock clock) {
        this.coursework = coursework;
        this.guard = guard;
        this.contents = contents;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Freezes the instructor's notebook at {@code path} (in their own tree) into a new assignment. Their
     * notebook is only read: later edits of it do not reach the assignment.
     */
    public AssignmentView publish(String courseId, String title, String path, Instant dueAt) {
        CourseGuard.Access access = guard.require(courseId, CourseAction.PUBLISH);
        String checkedTitle = Titles.require(title, "An assignment");
        if (path == null || path.isBlank()) {
            throw new BadCourseRequestException("Name the notebook to publish: path, in your own tree");
        }
        if (dueAt == null) {
            throw new BadCourseRequestException("An assignment needs a due date: due_at, ISO-8601 with an offset");
        }
        ContentsPath source = ContentsPath.parse(path);
        String notebook = contents.notebook(source).notebookJson();
        Assignment assignment = coursework.add(new Assignment(access.course().id(), checkedTitle, notebook,
                source.value(), access.username(), now(), dueAt.truncatedTo(ChronoUnit.MICROS)));
        return view(assignment, access, Optional.empty());
    }

    public List<AssignmentView> list(String courseId) {
        CourseGuard.Access access = guard.require(courseId, CourseAction.VIEW);
        List<Assignment> assignments = coursework.assignments(access.course().id());
        Map<Long, String> copies = coursework.copyPaths(assignments.stream().map(Assignment::id).toList(),
                access.username());
        return assignments.stream()
                .map(a -> view(a, access, Optional.ofNullable(copies.get(a.id()))))
                .toList();
    }

    public AssignmentView get(String courseId, String assignmentId) {
        CourseGuard.Access access = guard.require(courseId, CourseAction.VIEW);
        Assignment assignment = assignment(access, assignmentId);
        return view(assignment, access, coursework.copyPath(assignment.id(), access.username()));
    }

    /**
     * The student's own copy of the assignment, made on their first start at
     * {@code courses/<course>/<assignment>.ipynb} (numbered if they have something there). Later starts
     * return the same path and leave it as it is; only if they deleted or moved it is a fresh one put back.
     */
    public StartedCopy start(String courseId, String assignmentId) {
        CourseGuard.Access access = guard.require(courseId, CourseAction.WORK_ON_ASSIGNMENTS);
        Assignment assignment = assignment(access, assignmentId);
        Optional<String> recorded = coursework.copyPath(assignment.id(), access.username());
        if (recorded.isPresent()) {
            ContentsPath path = new ContentsPath(recorded.get());
            if (contents.exists(path)) {
                return new StartedCopy(path.value(), false);
            }
            contents.addNotebook(path, studentCopy(assignment));
            return new StartedCopy(path.value(), true);
        }
        ContentsPath path = freePath(access.course().title(), assignment.title());
        contents.addNotebook(path, studentCopy(assignment));
        coursework.recordCopy(assignment.id(), access.username(), path.value(), now());
        return new StartedCopy(path.value(), true);
    }

    /** Freezes the student's copy as it is now into a new submission; earlier ones are kept. */
    public SubmissionView submit(String courseId, String assignmentId) {
        CourseGuard.Access access = guard.require(courseId, CourseAction.WORK_ON_ASSIGNMENTS);
        Assignment assignment = assignment(access, assignmentId);
        ContentsPath path = coursework.copyPath(assignment.id(), access.username()).map(ContentsPath::new)
                .orElseThrow(() -> new CourseConflictException(
                        "Start the assignment first: what you submit is your own copy of it."));
        if (!contents.exists(path)) {
            throw new CourseConflictException("Your copy at " + path + " is gone (moved or deleted). Move it back,"
                    + " or start the assignment again to get a fresh copy there.");
        }
        Instant now = now();
        Submission submission = coursework.add(new Submission(assignment.id(), access.username(),
                contents.notebook(path).notebookJson(), now));
        return new SubmissionView(submission.id(), assignment.id(), submission.student(), now,
                assignment.isLate(now), true, null, null);
    }

    Assignment assignment(CourseGuard.Access access, String assignmentId) {
        return CourseGuard.id(assignmentId).flatMap(id -> coursework.assignment(access.course().id(), id))
                .orElseThrow(CourseNotFoundException::assignment);
    }

    private ContentsPath freePath(String courseTitle, String assignmentTitle) {
        for (int attempt = 1; attempt <= MOST_NAME_ATTEMPTS; attempt++) {
            ContentsPath path = CopyPaths.of(courseTitle, assignmentTitle, attempt);
            if (!contents.exists(path)) {
                return path;
            }
        }
        throw new CourseConflictException("Too many notebooks named like this assignment in your courses folder;"
                + " move some away and start again.");
    }

    /** The frozen notebook, marked in {@code metadata.jotter} as a copy of this assignment. */
    private JsonNode studentCopy(Assignment assignment) {
        ObjectNode notebook;
        try {
            notebook = (ObjectNode) json.readTree(assignment.notebookJson());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("assignment " + assignment.id() + " holds no notebook object", e);
        }
        ObjectNode metadata = notebook.get("metadata") instanceof ObjectNode m ? m : notebook.putObject("metadata");
        ObjectNode jotter = metadata.get("jotter") instanceof ObjectNode j ? j : metadata.putObject("jotter");
        jotter.put("course_id", assignment.courseId()).put("assignment_id", assignment.id());
        return notebook;
    }

    private static AssignmentView view(Assignment assignment, CourseGuard.Access access, Optional<String> copyPath) {
        boolean teaches = access.teaches();
        return new AssignmentView(assignment.id(), assignment.courseId(), assignment.title(), assignment.dueAt(),
                assignment.publishedAt(), assignment.publishedBy(), teaches ? assignment.sourcePath() : null,
                copyPath.orElse(null));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
