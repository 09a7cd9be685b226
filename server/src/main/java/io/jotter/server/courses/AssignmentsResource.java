package io.jotter.server.courses;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code /api/jotter/courses/{course}/assignments}: publishing, starting and submitting assignments,
 * and reading submissions and their feedback. Submissions have no PUT: they are frozen.
 */
@Path("/api/jotter/courses/{course}/assignments")
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentsResource {
    /**
     * @param path  the notebook to publish, in the instructor's own tree
     * @param dueAt ISO-8601 with an offset, {@code 2026-12-01T23:59:00Z} or {@code 2026-12-01T23:59:00+01:00}
     */
    public record NewAssignment(String title, String path, String dueAt) {
    }

    /** @param cellId the nbformat id of the cell it is about; absent for the whole submission */
    public record NewFeedback(String body, String cellId) {
    }

    private final AssignmentsService assignments;
    private final SubmissionsService submissions;

    public AssignmentsResource(AssignmentsService assignments, SubmissionsService submissions) {
        this.assignments = assignments;
        this.submissions = submissions;
    }

    @POST
    public Response publish(@PathParam("course") String course, NewAssignment request) {
        if (request == null) {
            throw new BadCourseRequestException("Send {\"title\", \"path\", \"due_at\"} to publish an assignment");
        }
        AssignmentView published = assignments.publish(course, request.title(), request.path(),
                instant(request.dueAt()));
        return Response.created(URI.create("/api/jotter/courses/" + published.courseId() + "/assignments/"
                + published.id())).entity(published).build();
    }

    @GET
    public List<AssignmentView> list(@PathParam("course") String course) {
        return assignments.list(course);
    }

    @GET
    @Path("{assignment}")
    public AssignmentView get(@PathParam("course") String course, @PathParam("assignment") String assignment) {
        return assignments.get(course, assignment);
    }

    /** 201 when this made the student's copy, 200 when it was there already. */
    @POST
    @Path("{assignment}/start")
    public Response start(@PathParam("course") String course, @PathParam("assignment") String assignment) {
        StartedCopy copy = assignments.start(course, assignment);
        return Response.status(copy.created() ? Response.Status.CREATED : Response.Status.OK).entity(copy).build();
    }

    @POST
    @Path("{assignment}/submit")
    public Response submit(@PathParam("course") String course, @PathParam("assignment") String assignment) {
        return Response.status(Response.Status.CREATED).entity(assignments.submit(course, assignment)).build();
    }

    @GET
    @Path("{assignment}/submissions")
    public List<SubmissionView> submissions(@PathParam("course") String course,
                                            @PathParam("assignment") String assignment) {
        return submissions.list(course, assignment);
    }

    @GET
    @Path("{assignment}/my-submissions")
    public List<SubmissionView> mine(@PathParam("course") String course, @PathParam("assignment") String assignment) {
        return submissions.mine(course, assignment);
    }

    @GET
    @Path("{assignment}/submissions/{submission}")
    public SubmissionView submission(@PathParam("course") String course, @PathParam("assignment") String assignment,
                                     @PathParam("submission") String submission) {
        return submissions.read(course, assignment, submission);
    }

    @POST
    @Path("{assignment}/submissions/{submission}/feedback")
    public Response feedback(@PathParam("course") String course, @PathParam("assignment") String assignment,
                             @PathParam("submission") String submission, NewFeedback request) {
        FeedbackView feedback = submissions.comment(course, assignment, submission,
                request == null ? null : request.body(), request == null ? null : request.cellId());
        return Response.status(Response.Status.CREATED).entity(feedback).build();
    }

    private static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(iso.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadCourseRequestException("due_at must be an ISO-8601 date and time with an offset,"
                    + " like 2026-12-01T23:59:00Z");
        }
    }
}
