package io.jotter.server.contents;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;

/** A notebook or file larger than Jotter stores (413). */
public class ContentTooLargeException extends ApiException {
    public ContentTooLargeException(String message) {
        super(Response.Status.REQUEST_ENTITY_TOO_LARGE, message);
    }
}
