package io.jotter.server.sharing;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;

/** A sharing request that cannot be done, with what the user can do instead. */
public class SharingException extends ApiException {
    private SharingException(Response.Status status, String message) {
        super(status, message);
    }

    /** The same answer whether the share never existed, was revoked, or is someone else's. */
    static SharingException notShared() {
        return new SharingException(Response.Status.NOT_FOUND, "No notebook is shared with you under that reference.");
    }

    static SharingException notAllowed(String role, String what) {
        return new SharingException(Response.Status.FORBIDDEN,
                "As " + role + " of this notebook you cannot " + what + ". Save a copy of your own instead.");
    }

    static SharingException badRequest(String message) {
        return new SharingException(Response.Status.BAD_REQUEST, message);
    }

    static SharingException notFound(String message) {
        return new SharingException(Response.Status.NOT_FOUND, message);
    }
}
