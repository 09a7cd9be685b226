package io.jotter.server.jobs;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;

/** No job of the caller's has this id (another user's job is not found either): 404. */
public class JobNotFoundException extends ApiException {
    public JobNotFoundException(String id) {
        super(Response.Status.NOT_FOUND, "No job " + id + " of yours; GET /api/jotter/jobs lists them.");
    }
}
