package io.jotter.server.contents;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;

/** No file, notebook or directory at a path, or no such checkpoint (404). */
public class ContentsNotFoundException extends ApiException {
    public ContentsNotFoundException(String message) {
        super(Response.Status.NOT_FOUND, message);
    }
}
