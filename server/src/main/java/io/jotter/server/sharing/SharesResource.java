package io.jotter.server.sharing;

import io.jotter.auth.ShareRole;
import io.jotter.server.contents.ContentType;
import io.jotter.server.contents.ContentsEntry;
import io.jotter.server.contents.ContentsPath;
import io.jotter.server.contents.ContentsService;
import io.jotter.server.courses.CourseStore;
import io.jotter.server.identity.Accounts;
import io.jotter.server.identity.CurrentUser;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/jotter/shares}: the owner's side. Share one of your notebooks with a person (by
 * username), with a course you are in (its members, while they are), or by link, as viewer, commenter
 * or editor; list its shares; revoke one. Sharing again with the same person or course changes the role.
 */
@Path("/api/jotter/shares")
@Produces(MediaType.APPLICATION_JSON)
@Transactional
public class SharesResource {
    /**
     * @param path   the notebook, in your tree
     * @param user   the person to share with; or
     * @param course the id of a course of yours, whose members all get it; or
     * @param link   true for a link that anyone signed in who has it may open
     * @param role   viewer, commenter or editor
     */
    public record ShareRequest(String path, String user, Long course, Boolean link, String role) {
    }

    /** A share as its owner sees it; {@code link} is the app's address to hand out, for a link. */
    public record ShareModel(long id, String path, String user, Long course, String link, String role, Instant createdAt) {
        static ShareModel of(Share share) {
            return new ShareModel(share.id(), share.path(), share.grantee(), share.courseId(),
                    share.linkToken() == null ? null : "/shared/" + SharedResource.LINK_PREFIX + share.linkToken(),
                    share.role().apiName(), share.createdAt());
        }
    }

    private final ShareStore shares;
    private final ContentsService contents;
    private final Accounts accounts;
    private final CourseStore courses;
    private final CurrentUser user;

    public SharesResource(ShareStore shares, ContentsService contents, Accounts accounts, CourseStore courses,
                          CurrentUser user) {
        this.shares = shares;
        this.contents = contents;
        this.accounts = accounts;
        this.courses = courses;
        this.user = user;
    }

    @POST
    public Response share(ShareRequest request) {
        if (request == null || request.path() == null || request.role() == null) {
            throw SharingException.badRequest("A share names the notebook's path and a role (viewer, commenter or editor),"
                    + " and either a user or \"link\": true.");
        }
        ShareRole role = ShareRole.fromApiName(request.role()).orElseThrow(() -> SharingException.badRequest(
                "No role '" + request.role() + "': viewer, commenter or editor."));
        long notebook = myNotebook(request.path()).id();
        boolean link = Boolean.TRUE.equals(request.link());
        if ((link ? 1 : 0) + (request.user() != null ? 1 : 0) + (request.course() != null ? 1 : 0) != 1) {
            throw SharingException.badRequest("Share with a user, with a course, or by link: one of the three.");
        }
        long id;
        if (link) {
            id = shares.shareByLink(notebook, role);
        } else if (request.course() != null) {
            if (courses.member(request.course(), user.name()).isEmpty()) {
                throw SharingException.notFound("You are in no course " + request.course() + ".");
            }
            id = shares.shareWithCourse(notebook, request.course(), role);
        } else if (request.user().equals(user.name())) {
            throw SharingException.badRequest("This notebook is already yours.");
        } else if (!accounts.exists(request.user())) {
            throw SharingException.notFound("Nobody called '" + request.user() + "' has signed in to Jotter yet.");
        } else {
            id = shares.shareWith(notebook, request.user(), role);
        }
        return Response.status(Response.Status.CREATED)
                .entity(ShareModel.of(shares.ownedBy(id, user.name()).orElseThrow())).build();
    }

    @GET
    public List<ShareModel> list(@QueryParam("path") String path) {
        if (path == null) {
            throw SharingException.badRequest("Which notebook? Add ?path=");
        }
        return shares.ofNotebook(myNotebook(path).id()).stream().map(ShareModel::of).toList();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") long id) {
        Share share = shares.ownedBy(id, user.name()).orElseThrow(() -> SharingException.notFound("You have no share " + id + "."));
        shares.revoke(share.id());
        return Response.noContent().build();
    }

    private ContentsEntry myNotebook(String path) {
        ContentsEntry entry = contents.notebookOrFile(ContentsPath.parse(path));
        if (entry.type() != ContentType.NOTEBOOK) {
            throw SharingException.badRequest(path + " is not a notebook: only notebooks are shared.");
        }
        return entry;
    }
}
