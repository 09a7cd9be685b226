package io.jotter.server.sessions;

import io.jotter.server.identity.CurrentUser;
import io.jotter.server.kernels.KernelNotFoundException;
import io.jotter.server.kernels.KernelRegistry;
import io.jotter.server.kernels.RunningKernel;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** {@code /api/sessions}, as Jupyter Server offers it: a client opening a notebook finds or starts its kernel here. */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {
    /** The kernel part of a request: by name to start one, or by id to join a running one. */
    public record KernelRef(String id, String name) {
    }

    /** A create or update request; JupyterLab sends path, name, type and kernel. */
    public record SessionRequest(String path, String name, String type, KernelRef kernel) {
    }

    /** Jupyter Server's JSON for a session: the kernel model inlined. */
    public record Model(String id, String path, String name, String type, RunningKernel.Model kernel) {
    }

    private final KernelRegistry kernels;
    private final SessionStore sessions;
    private final CurrentUser user;

    public SessionsResource(KernelRegistry kernels, SessionStore sessions, CurrentUser user) {
        this.kernels = kernels;
        this.sessions = sessions;
        this.user = user;
    }

    @GET
    public List<Model> list() {
        return mine().map(this::model).toList();
    }

    private Stream<NotebookSession> mine() {
        String me = user.name();
        return sessions.all().stream().filter(s -> s.owner().equals(me));
    }

    /** Creates a session, or returns the existing one for the same path (as Jupyter Server does). */
    @POST
    public synchronized Response create(SessionRequest request) {
        if (request == null || request.path() == null || request.path().isBlank()) {
            throw new BadRequestException("a session needs the notebook's path");
        }
        for (NotebookSession existing : mine().toList()) {
            if (existing.path().equals(request.path()) && kernelIsRunning(existing.kernelId())) {
                return Response.created(URI.create("/api/sessions/" + existing.id())).entity(model(existing)).build();
            }
        }
        NotebookSession session = new NotebookSession(UUID.randomUUID().toString(), user.name(), request.path(),
                request.name() == null ? "" : request.name(), request.type() == null ? "notebook" : request.type(),
                kernelFor(request.kernel()));
        sessions.put(session);
        return Response.created(URI.create("/api/sessions/" + session.id())).entity(model(session)).build();
    }

    @GET
    @Path("{id}")
    public Model get(@PathParam("id") String id) {
        return model(find(id));
    }

    /** Renames a session's notebook, or moves it to another kernel (a running one by id, or a new one by name). */
    @PATCH
    @Path("{id}")
    public synchronized Model update(@PathParam("id") String id, SessionRequest request) {
        NotebookSession session = find(id);
        if (request != null) {
            session = session.withPathAndName(request.path(), request.name());
            if (request.kernel() != null) {
                session = session.withKernel(kernelFor(request.kernel()));
            }
            sessions.put(session);
        }
        return model(session);
    }

    /** Ends the session and shuts its kernel down, as Jupyter Server does. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        NotebookSession session = find(id);
        sessions.remove(id);
        if (kernelIsRunning(session.kernelId())) {
            kernels.shutdown(session.kernelId());
        }
        return Response.noContent().build();
    }

    private String kernelFor(KernelRef ref) {
        if (ref != null && ref.id() != null) {
            return kernels.owned(ref.id(), user.name()).id();
        }
        return kernels.start(ref == null ? null : ref.name(), user.name()).id();
    }

    private boolean kernelIsRunning(String kernelId) {
        try {
            kernels.get(kernelId);
            return true;
        } catch (KernelNotFoundException e) {
            return false;
        }
    }

    private NotebookSession find(String id) {
        return sessions.get(id).filter(s -> s.owner().equals(user.name()))
                .orElseThrow(() -> new NotFoundException("no session with id " + id));
    }

    private Model model(NotebookSession session) {
        RunningKernel.Model kernel = kernelIsRunning(session.kernelId()) ? kernels.get(session.kernelId()).model() : null;
        return new Model(session.id(), session.path(), session.name(), session.type(), kernel);
    }
}
