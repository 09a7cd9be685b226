package io.jotter.server.sharing;

import io.jotter.auth.ShareRole;
import io.jotter.auth.ShareRole.Action;
import io.jotter.server.contents.Checkpoint;
import io.jotter.server.contents.ContentsModel;
import io.jotter.server.contents.ContentsPath;
import io.jotter.server.contents.ContentsResource;
import io.jotter.server.contents.ContentsService;
import io.jotter.server.contents.TreeOwner;
import io.jotter.server.identity.CurrentUser;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code /api/jotter/shared}: the side of those a notebook is shared with. {@code {ref}} is a share's
 * id (shared with you by name) or {@code link-<secret>} (a link). Every operation first finds the share
 * for the caller, then checks the role, then acts through the contents API in the owner's tree; an
 * unknown, revoked or someone else's share is 404, whatever the operation.
 */
@Path("/api/jotter/shared")
@Produces(MediaType.APPLICATION_JSON)
public class SharedResource {
    static final String LINK_PREFIX = "link-";

    /** A notebook shared with you, as listed; {@code course} when it came through a course. */
    public record SharedNotebook(long id, String owner, String path, String name, String role, Long course) {
        static SharedNotebook of(Share share) {
            return new SharedNotebook(share.id(), share.owner(), share.path(), ContentsPath.parse(share.path()).name(),
                    share.role().apiName(),
                    share.courseId());
        }
    }

    /** One shared notebook, opened: who owns it, what you may do, and the notebook itself. */
    public record Opened(String owner, String role, ContentsModel notebook) {
    }

    /** A comment to add: on which cell, and what it says. */
    public record NewComment(String cellId, String body) {
    }

    private final ShareStore shares;
    private final ContentsResource contentsApi;
    private final ContentsService contents;
    private final TreeOwner tree;
    private final CurrentUser user;

    public SharedResource(ShareStore shares, ContentsResource contentsApi, ContentsService contents, TreeOwner tree,
                          CurrentUser user) {
        this.shares = shares;
        this.contentsApi = contentsApi;
        this.contents = contents;
        this.tree = tree;
        this.user = user;
    }

    @GET
    public List<SharedNotebook> list() {
        return shares.sharedWith(user.name()).stream().map(SharedNotebook::of).toList();
    }

    @GET
    @Path("{ref}")
    public Opened open(@PathParam("ref") String ref) {
        Share share = allowed(ref, Action.READ);
        ContentsModel notebook = tree.of(share.owner(), () -> contentsApi.get(share.path(), "notebook", null, "1", null));
        return new Opened(share.owner(), share.role().apiName(), notebook);
    }

    /** An editor's save, with every rule of a save (a stale {@code version} or {@code If-Match} is 409). */
    @PUT
    @Path("{ref}")
    @Transactional
    public Response save(@PathParam("ref") String ref, @HeaderParam("If-Match") String ifMatch, String body) {
        Share share = allowed(ref, Action.EDIT);
        return tree.of(share.owner(), () -> contentsApi.put(share.path(), ifMatch, body));
    }

    /** "Save a copy": the notebook as it is now, in the root of your own tree, to run in your own runtime. */
    @POST
    @Path("{ref}/copy")
    @Transactional
    public Response copy(@PathParam("ref") String ref) {
        Share share = allowed(ref, Action.COPY);
        ContentsPath path = ContentsPath.parse(share.path());
        var stored = tree.of(share.owner(), () -> contents.notebookOrFile(path).stored());
        return Response.status(Response.Status.CREATED).entity(contents.addCopyOf(path.name(), stored)).build();
    }

    @GET
    @Path("{ref}/checkpoints")
    public List<Checkpoint> history(@PathParam("ref") String ref) {
        Share share = allowed(ref, Action.RESTORE);
        return tree.of(share.owner(), () -> contentsApi.checkpoints(share.path()));
    }

    @POST
    @Path("{ref}/checkpoints")
    @Transactional
    public Response checkpoint(@PathParam("ref") String ref) {
        Share share = allowed(ref, Action.EDIT);
        return tree.of(share.owner(), () -> contentsApi.createCheckpoint(share.path()));
    }

    @POST
    @Path("{ref}/checkpoints/{id}")
    @Transactional
    public Response restore(@PathParam("ref") String ref, @PathParam("id") String id) {
        Share share = allowed(ref, Action.RESTORE);
        return tree.of(share.owner(), () -> contentsApi.restoreCheckpoint(share.path(), id));
    }

    @GET
    @Path("{ref}/comments")
    public List<Comment> comments(@PathParam("ref") String ref) {
        return shares.comments(allowed(ref, Action.COMMENT).notebookId());
    }

    @POST
    @Path("{ref}/comments")
    @Transactional
    public Response comment(@PathParam("ref") String ref, NewComment comment) {
        Share share = allowed(ref, Action.COMMENT);
        CellComments.add(shares, share.notebookId(), user.name(), comment);
        return Response.status(Response.Status.CREATED).entity(shares.comments(share.notebookId())).build();
    }

    /** The caller's share by {@code ref}, if its role allows {@code action}. */
    private Share allowed(String ref, Action action) {
        Share share = find(ref);
        ShareRole role = share.role();
        if (!role.allows(action)) {
            throw SharingException.notAllowed(role.apiName(), switch (action) {
                case EDIT -> "save changes to it";
                case RESTORE -> "see or restore its revisions";
                case COMMENT -> "read or write its comments";
                default -> "do that";
            });
        }
        return share;
    }

    private Share find(String ref) {
        if (ref.startsWith(LINK_PREFIX)) {
            return shares.byLink(ref.substring(LINK_PREFIX.length())).orElseThrow(SharingException::notShared);
        }
        try {
            return shares.forGrantee(Long.parseLong(ref), user.name()).orElseThrow(SharingException::notShared);
        } catch (NumberFormatException e) {
            throw SharingException.notShared();
        }
    }
}
