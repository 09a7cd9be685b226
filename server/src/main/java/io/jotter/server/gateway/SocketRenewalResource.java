package io.jotter.server.gateway;

import io.jotter.server.identity.CurrentUser;
import io.jotter.server.identity.SocketTokenExpiries;
import io.jotter.server.kernels.KernelRegistry;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * {@code POST /api/jotter/sockets/renew}: a page that renewed its access token tells the server, with
 * the renewed token, which of its kernel sockets (kernel id, and the {@code session_id} it connected
 * with) should live as long as that token, instead of closing when the token it opened with expires.
 */
@Path("/api/jotter/sockets/renew")
@Produces(MediaType.APPLICATION_JSON)
public class SocketRenewalResource {
    /** The socket: its kernel, and the session_id of its URL. */
    public record Renewal(String kernelId, String sessionId) {
    }

    private final SocketTokenExpiries expiries;
    private final KernelRegistry kernels;
    private final CurrentUser user;

    public SocketRenewalResource(SocketTokenExpiries expiries, KernelRegistry kernels, CurrentUser user) {
        this.expiries = expiries;
        this.kernels = kernels;
        this.user = user;
    }

    @POST
    public Response renew(Renewal renewal) {
        if (renewal == null || renewal.kernelId() == null || renewal.sessionId() == null) {
            throw new BadRequestException("Name the socket: kernel_id and session_id.");
        }
        Instant expires = user.tokenExpires().orElseThrow(() -> new BadRequestException(
                "Sockets of a single-user server do not expire: there is nothing to renew."));
        kernels.owned(renewal.kernelId(), user.name());
        if (!expiries.renewed(renewal.kernelId(), renewal.sessionId(), expires)) {
            throw new NotFoundException("No open socket of yours to that kernel with that session_id.");
        }
        return Response.noContent().build();
    }
}
