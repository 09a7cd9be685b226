package io.jotter.server.courses;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;

/** 409: the request cannot be done in the state things are in (submitting before starting, removing the last instructor). */
public class CourseConflictException extends ApiException {
    public CourseConflictException(String message) {
        super(Response.Status.CONFLICT, message);
    }
}
