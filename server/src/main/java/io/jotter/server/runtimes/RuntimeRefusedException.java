package io.jotter.server.runtimes;

import io.jotter.server.errors.ApiException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * A runtime request refused: by the tier, by quota, or for want of capacity. The body says why and what the
 * user can do, never just "cannot connect".
 */
public class RuntimeRefusedException extends ApiException {
    /** The JSON body: Jupyter's {@code message} and {@code reason}, and what to do about it. */
    public record Body(String message, String reason, String remedy, Instant retryAt) {
    }

    private final String remedy;
    private final Instant retryAt;

    public RuntimeRefusedException(Response.Status status, String reason, String message, String remedy, Instant retryAt) {
        super(status, message, reason);
        this.remedy = remedy;
        this.retryAt = retryAt;
    }

    @Override
    public Object body() {
        return new Body(getMessage(), reason(), remedy, retryAt);
    }
}
