package io.jotter.server.kernels;

import io.jotter.server.identity.CurrentUser;
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

/** {@code /api/kernels}, as Jupyter Server offers it. */
@Path("/api/kernels")
@Produces(MediaType.APPLICATION_JSON)
public class KernelsResource {
    /** The body of a start request: {@code {"name": "jotter-java"}}; no name means the default kernel. */
    public record StartRequest(String name) {
    }

    private final KernelRegistry kernels;
    private final CurrentUser user;

    public KernelsResource(KernelRegistry kernels, CurrentUser user) {
        this.kernels = kernels;
        this.user = user;
    }

    @GET
    public List<RunningKernel.Model> list() {
        String me = user.name();
        return kernels.ownedBy(me).stream().map(RunningKernel::model).toList();
    }

    @POST
    public Response start(StartRequest request) {
        RunningKernel kernel = kernels.start(request == null ? null : request.name(), user.name());
        return Response.created(URI.create("/api/kernels/" + kernel.id())).entity(kernel.model()).build();
    }

    @GET
    @Path("{id}")
    public RunningKernel.Model get(@PathParam("id") String id) {
        return kernels.owned(id, user.name()).model();
    }

    @DELETE
    @Path("{id}")
    public Response shutdown(@PathParam("id") String id) {
        kernels.shutdown(kernels.owned(id, user.name()).id());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/interrupt")
    public Response interrupt(@PathParam("id") String id) {
        kernels.interrupt(kernels.owned(id, user.name()).id());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/restart")
    public RunningKernel.Model restart(@PathParam("id") String id) {
        return kernels.restart(kernels.owned(id, user.name()).id()).model();
    }
}
