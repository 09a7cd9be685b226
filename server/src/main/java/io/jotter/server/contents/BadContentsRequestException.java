package io.jotter.server.contents;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;

/** A request the contents API cannot make sense of: a bad path, type, format or body (400). */
public class BadContentsRequestException extends ApiException {
    public BadContentsRequestException(String message) {
        super(Response.Status.BAD_REQUEST, message);
    }

    public BadContentsRequestException(String message, String reason) {
        super(Response.Status.BAD_REQUEST, message, reason);
    }
}
