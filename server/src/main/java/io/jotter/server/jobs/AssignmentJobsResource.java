package io.jotter.server.jobs;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;

/**
 * {@code /api/jotter/courses/{course}/assignments/{assignment}/jobs}, for those who teach the course: POST runs every
 * student's latest submission as a job (the body as for {@code /api/jotter/jobs}, without {@code path}); GET shows
 * each submission's latest run side by side.
 */
@Path("/api/jotter/courses/{course}/assignments/{assignment}/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentJobsResource {
    private final AssignmentJobs jobs;
    private final JobRunner runner;
    private final Clock clock;

    public AssignmentJobsResource(AssignmentJobs jobs, JobRunner runner, Clock clock) {
        this.jobs = jobs;
        this.runner = runner;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response run(@PathParam("course") String course, @PathParam("assignment") String assignment,
                        JobsService.JobAsk ask) {
        List<JobView> started = jobs.run(course, assignment, ask).stream()
                .map(job -> JobView.of(job, runner, clock)).toList();
        return Response.status(Response.Status.CREATED).entity(started).build();
    }

    @GET
    public List<AssignmentJobs.Result> results(@PathParam("course") String course,
                                               @PathParam("assignment") String assignment) {
        return jobs.results(course, assignment);
    }
}
