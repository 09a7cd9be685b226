package io.jotter.server.contents;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;

/**
 * A save based on a version that is no longer the current one (409). The body carries the current
 * model, without content, so the client can tell the user what changed and reload.
 */
public class StaleSaveException extends ApiException {
    /** The 409's JSON body. */
    public record Body(String message, String reason, ContentsModel current) {
    }

    private final ContentsModel current;

    public StaleSaveException(long expected, ContentsModel current) {
        super(Response.Status.CONFLICT, current.path() + " has changed since version " + expected
                + " (it is at version " + current.version() + "); reload it before saving, nothing was overwritten");
        this.current = current;
    }

    @Override
    public Object body() {
        return new Body(getMessage(), reason(), current);
    }
}
