package io.jotter.server.jobs;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;

/** A submission Jotter cannot run as asked (bad parameters, a time limit past the tier's): 400. */
public class BadJobRequestException extends ApiException {
    public BadJobRequestException(String message) {
        super(Response.Status.BAD_REQUEST, message);
    }
}
