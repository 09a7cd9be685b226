package io.jotter.server.kernels;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;

/** A kernel could not be started, or did not answer: the reason goes to the client as JSON, never a stack trace. */
public class KernelStartException extends ApiException {
    public KernelStartException(Response.Status status, String message) {
        super(status, message);
    }
}
