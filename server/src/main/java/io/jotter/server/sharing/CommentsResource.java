package io.jotter.server.sharing;

import io.jotter.server.contents.ContentsPath;
import io.jotter.server.contents.ContentsService;
import io.jotter.server.identity.CurrentUser;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /api/jotter/comments/{path}}: the comments on the cells of one of your own notebooks. */
@Path("/api/jotter/comments")
@Produces(MediaType.APPLICATION_JSON)
public class CommentsResource {
    private final ShareStore shares;
    private final ContentsService contents;
    private final CurrentUser user;

    public CommentsResource(ShareStore shares, ContentsService contents, CurrentUser user) {
        this.shares = shares;
        this.contents = contents;
        this.user = user;
    }

    @GET
    @Path("{path: .+}")
    public List<Comment> list(@PathParam("path") String path) {
        return shares.comments(contents.notebookOrFile(ContentsPath.parse(path)).id());
    }

    @POST
    @Path("{path: .+}")
    @Transactional
    public Response add(@PathParam("path") String path, SharedResource.NewComment comment) {
        long notebook = contents.notebookOrFile(ContentsPath.parse(path)).id();
        CellComments.add(shares, notebook, user.name(), comment);
        return Response.status(Response.Status.CREATED).entity(shares.comments(notebook)).build();
    }
}
