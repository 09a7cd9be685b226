package io.jotter.server.errors;

import jakarta.ws.rs.core.Response;

/**
 * A failure the client should hear about: its status and message are meant for the user. Features
 * subclass it with their own types; {@link ApiExceptionMapper} is the only place that turns it into HTTP.
 */
public abstract class ApiException extends RuntimeException {
    private final Response.Status status;
    private final String reason;

    protected ApiException(Response.Status status, String message) {
        this(status, message, status.getReasonPhrase());
    }

    /** With a reason of its own, as Jupyter Server gives some errors ("bad type", "bad format"). */
    protected ApiException(Response.Status status, String message, String reason) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    public Response.Status status() {
        return status;
    }

    /** The JSON body; subclasses that tell the client more (a conflict's current state) override it. */
    public Object body() {
        return new ApiError(getMessage(), reason);
    }

    public String reason() {
        return reason;
    }
}
