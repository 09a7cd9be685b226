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
     */
    public record RuntimeAsk(String runtimeType, String kernelName, Long reservationId) {
    }

    private final RuntimeViews views;
    private final KernelRegistry kernels;
    private final CurrentUser user;

    public RuntimesResource(RuntimeViews views, KernelRegistry kernels, CurrentUser user) {
        this.views = views;
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

    /** Starts a runtime: admitted by quota, placed in the pool, launched; refused with the reason otherwise. */
    @POST
    @Path("runtimes")
    public Response start(RuntimeAsk ask) {
        RuntimeAsk body = ask == null ? new RuntimeAsk(null, null, null) : ask;
        RunningKernel kernel = kernels.start(body.kernelName(), user.name(), body.runtimeType(), body.reservationId());
        RuntimeViews.RuntimeView view = views.running(user.name()).stream()
                .filter(runtime -> runtime.id().equals(kernel.id())).findFirst().orElseThrow();
        return Response.created(URI.create("/api/jotter/runtimes/" + kernel.id())).entity(view).build();
    }

    @DELETE
    @Path("runtimes/{id}")
    public Response stop(@PathParam("id") String id) {
        kernels.shutdown(kernels.owned(id, user.name()).id());
        return Response.noContent().build();
    }

    @GET
    @Path("usage")
    public RuntimeViews.UsageView usage() {
        return views.usage(user.name());
    }
}
