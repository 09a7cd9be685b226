package io.jotter.server.runtimes;

import io.jotter.server.identity.CurrentUser;
import io.jotter.server.kernels.KernelRegistry;
import io.jotter.server.kernels.RunningKernel;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * {@code /api/jotter/runtime-types}, {@code /api/jotter/runtimes} and {@code /api/jotter/usage}: what a user may
 * run, what they run, and what it costs them. A runtime's id is its kernel's: connect to it at
 * {@code /api/kernels/{id}/channels}, or hand it to a session.
 */
@Path("/api/jotter")
@Produces(MediaType.APPLICATION_JSON)
public class RuntimesResource {
    /**
     * The body of {@code POST /api/jotter/runtimes}.
     *
     * @param runtimeType a name from {@code /api/jotter/runtime-types}; the default type when absent
     * @param kernelName a kernel spec's name; the default kernel when absent
     * @param reservationId a reservation of the caller's (or their course's) to run under
     * @param queue wait in line when the type is full (202 with a ticket) instead of being refused (503)
     */
    public record RuntimeAsk(String runtimeType, String kernelName, Long reservationId, Boolean queue) {
    }

    /** What the notebook's other tabs and the ledger say when its user stops a runtime from the usage page. */
    static final String STOPPED_BY_YOU = "you stopped this runtime";

    private final RuntimeViews views;
    private final KernelRegistry kernels;
    private final RuntimeRequests requests;
    private final CurrentUser user;

    public RuntimesResource(RuntimeViews views, KernelRegistry kernels, RuntimeRequests requests, CurrentUser user) {
        this.views = views;
        this.requests = requests;
        this.kernels = kernels;
        this.user = user;
    }

    @GET
    @Path("runtime-types")
    public List<RuntimeViews.TypeView> types() {
        return views.types(user.name());
    }

    @GET
    @Path("runtimes")
    public List<RuntimeViews.RuntimeView> runtimes() {
        return views.running(user.name());
    }

    /**
     * Starts a runtime: admitted by quota, placed in the pool, launched (201); or, asked with {@code queue}, waits
     * in line when the type is full (202 and a ticket to follow); refused with the reason and a remedy otherwise.
     */
    @POST
    @Path("runtimes")
    public Response start(RuntimeAsk ask) {
        RuntimeAsk body = ask == null ? new RuntimeAsk(null, null, null, null) : ask;
        RunningKernel kernel;
        if (Boolean.TRUE.equals(body.queue())) {
            Object outcome = requests.request(user.name(), body.runtimeType(), body.kernelName(), body.reservationId());
            if (outcome instanceof RuntimeRequests.Ticket ticket) {
                return Response.accepted(ticket).location(URI.create("/api/jotter/runtime-requests/" + ticket.id()))
                        .build();
            }
            kernel = (RunningKernel) outcome;
        } else {
            kernel = kernels.start(body.kernelName(), user.name(), body.runtimeType(), body.reservationId());
        }
        RuntimeViews.RuntimeView view = views.running(user.name(), kernel.id()).orElseThrow();
        return Response.created(URI.create("/api/jotter/runtimes/" + kernel.id())).entity(view).build();
    }

    @DELETE
    @Path("runtimes/{id}")
    public Response stop(@PathParam("id") String id) {
        kernels.shutdown(kernels.owned(id, user.name()).id(), STOPPED_BY_YOU);
        return Response.noContent().build();
    }

    /** A queued request: its place in line and estimated start, live; then started (with its runtime) or refused. */
    @GET
    @Path("runtime-requests/{id}")
    public RuntimeRequests.Ticket ticket(@PathParam("id") String id) {
        return requests.ticket(id, user.name()).orElseThrow(() -> notQueued(id));
    }

    @DELETE
    @Path("runtime-requests/{id}")
    public Response cancel(@PathParam("id") String id) {
        if (!requests.cancel(id, user.name())) {
            throw notQueued(id);
        }
        return Response.noContent().build();
    }

    private static RuntimeRefusedException notQueued(String id) {
        return new RuntimeRefusedException(Response.Status.NOT_FOUND, "Not Found", "No waiting request " + id + ".",
                "It may have started or been refused: GET /api/jotter/runtimes lists your runtimes.", null);
    }

    @GET
    @Path("usage")
    public RuntimeViews.UsageView usage() {
        return views.usage(user.name());
    }
}
