package io.jotter.server.courses;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;

/** 400: a request about courses that is missing something or says something impossible. */
public class BadCourseRequestException extends ApiException {
    public BadCourseRequestException(String message) {
        super(Response.Status.BAD_REQUEST, message);
    }
}
