package io.jotter.server.jobs;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * {@code /api/jotter/jobs}: the caller's training jobs. POST submits a notebook (201 with the job, or with the list
 * of jobs when {@code parameters} is a list); GET lists them newest first; GET by id follows one; DELETE cancels
 * one, stopping its runtime before it answers. The executed notebook is at {@code result_path} in the contents API.
 */
@Path("/api/jotter/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {
    private final JobsService jobs;
    private final JobRunner runner;
    private final Clock clock;

    public JobsResource(JobsService jobs, JobRunner runner, Clock clock) {
        this.jobs = jobs;
        this.runner = runner;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(JobsService.JobAsk ask) {
        List<JobView> submitted = jobs.submit(ask).stream().map(this::view).toList();
        if (ask.parameters() != null && ask.parameters().isArray()) {
            return Response.status(Response.Status.CREATED).entity(submitted).build();
        }
        JobView job = submitted.get(0);
        return Response.created(URI.create("/api/jotter/jobs/" + job.id())).entity(job).build();
    }

    @GET
    public List<JobView> list() {
        return jobs.mine().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    public JobView get(@PathParam("id") String id) {
        return view(jobs.get(id));
    }

    @DELETE
    @Path("{id}")
    public JobView cancel(@PathParam("id") String id) {
        return view(jobs.cancel(id));
    }

    private JobView view(Job job) {
        return JobView.of(job, runner, clock);
    }
}
