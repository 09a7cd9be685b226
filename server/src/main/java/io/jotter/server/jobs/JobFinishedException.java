package io.jotter.server.jobs;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;

/** Cancelling a job that has already ended: 409, with the state it ended in. */
public class JobFinishedException extends ApiException {
    public JobFinishedException(String id, JobState state) {
        super(Response.Status.CONFLICT, "Job " + id + " has already " + state.wire() + "; there is nothing to cancel.");
    }
}
