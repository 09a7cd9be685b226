package io.jotter.server.courses;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;

/** 403: the caller may see the course (or is signed in) but may not do this; the message says who may. */
public class CourseForbiddenException extends ApiException {
    public CourseForbiddenException(String message) {
        super(Response.Status.FORBIDDEN, message);
    }
}
