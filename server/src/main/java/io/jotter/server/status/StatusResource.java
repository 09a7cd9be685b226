package io.jotter.server.status;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;

/** {@code GET /api/status}, as Jupyter Server answers it. Kernels and connections come with the gateway. */
@Path("/api/status")
@Singleton
@Startup
public class StatusResource {
    /** Jupyter Server's shape. */
    public record Status(Instant started, Instant lastActivity, int connections, int kernels) {
    }

    private final Instant started;

    public StatusResource(Clock clock) {
        this.started = clock.instant();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Status status() {
        return new Status(started, started, 0, 0);
    }
}
