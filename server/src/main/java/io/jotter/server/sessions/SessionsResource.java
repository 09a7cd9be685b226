package io.jotter.server.sessions;

import io.jotter.server.identity.CurrentUser;
import io.jotter.server.kernels.KernelNotFoundException;
import io.jotter.server.kernels.KernelRegistry;
import io.jotter.server.kernels.ReplicasConfig;
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
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    /** A claimed start older than this is taken to have failed (a kernel answers within a minute, or not). */
    private static final Duration STALE_START = Duration.ofMinutes(3);
    private static final Duration START_WAIT = STALE_START.plusSeconds(10);
    private static final Duration CLAIM_POLL = Duration.ofMillis(100);
    /** This server's run, as the claimer of its starts when it is the only server (no replica id). */
    private static final String BOOT = "server-" + UUID.randomUUID();

    private final KernelRegistry kernels;
    private final SessionStore sessions;
    private final CurrentUser user;
    private final ReplicasConfig replicas;

    public SessionsResource(KernelRegistry kernels, SessionStore sessions, CurrentUser user, ReplicasConfig replicas) {
        this.kernels = kernels;
        this.sessions = sessions;
        this.user = user;
        this.replicas = replicas;
    }

    @GET
    public List<Model> list() {
        List<NotebookSession> mine = mine().toList();
        // One look for all: with replicas a kernel lookup reads the database, and a class's sessions made it hundreds.
        Map<String, RunningKernel> running = kernels.findEach(mine.stream().map(NotebookSession::kernelId)
                .filter(Objects::nonNull).toList());
        return mine.stream().map(session -> model(session, Optional.ofNullable(running.get(session.kernelId())))).toList();
    }

    private Stream<NotebookSession> mine() {
        return sessions.of(user.name()).stream();
    }

    /**
     * Creates a session, or returns the existing one for the same path (as Jupyter Server does). Requests for the
     * same notebook at once, on this server or on several replicas, start one kernel: the first claims the start
     * in the database ({@code session_starts}) and the others wait for its session.
     */
    @POST
    public Response create(SessionRequest request) {
        if (request == null || request.path() == null || request.path().isBlank()) {
            throw new BadRequestException("a session needs the notebook's path");
        }
        String owner = user.name();
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (true) {
            Optional<NotebookSession> existing = running(request.path());
            if (existing.isPresent()) {
                return created(existing.get());
            }
            if (sessions.claimStart(owner, request.path(), claimer(), replicas.lease(), STALE_START)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new ServiceUnavailableException("the kernel of " + request.path() + " is still starting for another"
                        + " request; try again");
            }
            pause();
        }
        try {
            // Checked once claimed: a session made by a claim that ended just before ours is found here.
            Optional<NotebookSession> existing = running(request.path());
            if (existing.isPresent()) {
                return created(existing.get());
            }
            NotebookSession session = new NotebookSession(UUID.randomUUID().toString(), owner, request.path(),
                    request.name() == null ? "" : request.name(), request.type() == null ? "notebook" : request.type(),
                    kernelFor(request.kernel()));
            sessions.put(session);
            return created(session);
        } finally {
            sessions.endStart(owner, request.path(), claimer());
        }
    }

    private Optional<NotebookSession> running(String path) {
        return mine().filter(s -> s.path().equals(path) && kernelIsRunning(s.kernelId())).findFirst();
    }

    private Response created(NotebookSession session) {
        return Response.created(URI.create("/api/sessions/" + session.id())).entity(model(session)).build();
    }

    /** Who claims a start: this replica, or this one server's run. */
    private String claimer() {
        return kernels.replica() != null ? kernels.replica() : BOOT;
    }

    private static void pause() {
        try {
            Thread.sleep(CLAIM_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while waiting for the kernel to start");
        }
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
        // One look: a kernel that stops or moves to another replica between two looks is not an error of the list.
        return model(session, kernels.find(session.kernelId()));
    }

    private static Model model(NotebookSession session, Optional<RunningKernel> kernel) {
        return new Model(session.id(), session.path(), session.name(), session.type(),
                kernel.map(RunningKernel::model).orElse(null));
    }
}
