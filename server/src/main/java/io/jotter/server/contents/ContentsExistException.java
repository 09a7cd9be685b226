package io.jotter.server.contents;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;

/** Something already exists where a rename or create would put something (409). */
public class ContentsExistException extends ApiException {
    public ContentsExistException(String message) {
        super(Response.Status.CONFLICT, message);
    }
}
