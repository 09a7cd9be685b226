package io.jotter.server.kernels;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** A kernel could not be started, or did not answer: the reason goes to the client as JSON, never a stack trace. */
public class KernelStartException extends WebApplicationException {
    public KernelStartException(Response.Status status, String message) {
        super(message, Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("message", message, "reason", status.getReasonPhrase())).build());
    }
}
