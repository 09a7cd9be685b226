package io.jotter.server.contents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.List;

/**
 * {@code /api/contents}, as Jupyter Server offers it (its REST API's "contents" and "checkpoints"), plus
 * Jotter's {@code version} on every model and optimistic saves: a PUT carrying a version, in its body or
 * in {@code If-Match}, is refused with 409 if that is no longer the current one.
 */
@Path("/api/contents")
@Produces(MediaType.APPLICATION_JSON)
public class ContentsResource {
    private static final String PATH = "{path: .*}";

    private final ContentsService contents;
    private final CheckpointService checkpoints;
    private final ContentsConfig config;
    private final ObjectMapper json;

    public ContentsResource(ContentsService contents, CheckpointService checkpoints, ContentsConfig config,
            ObjectMapper json) {
        this.contents = contents;
        this.checkpoints = checkpoints;
        this.config = config;
        this.json = json;
    }

    @GET
    @Path(PATH)
    public ContentsModel get(@PathParam("path") String path, @QueryParam("type") String type,
            @QueryParam("format") String format, @QueryParam("content") String content, @QueryParam("hash") String hash) {
        if (format != null && !format.equals("text") && !format.equals("base64")) {
            throw new BadContentsRequestException("Format '" + format + "' is invalid");
        }
        if (content != null && !content.equals("0") && !content.equals("1")) {
            throw new BadContentsRequestException("Content '" + content + "' is invalid");
        }
        return contents.get(ContentsPath.parse(path), new ContentsModels.Request(!"0".equals(content),
                ContentType.parse(type), format, "1".equals(hash)));
    }

    /** Saves or uploads: 200 when it replaced something, 201 when it created it. No body: a new untitled notebook in the directory. */
    @PUT
    @Path(PATH)
    public Response put(@PathParam("path") String path, @HeaderParam("If-Match") String ifMatch, String body) {
        ContentsRequest request = parse(body);
        ContentsPath target = ContentsPath.parse(path);
        if (request == null) {
            return created(contents.create(target, emptyRequest()));
        }
        ContentsService.Saved saved = contents.save(target, request,
                request.version() != null ? request.version() : versionIn(ifMatch));
        return saved.created() ? created(saved.model()) : Response.ok(saved.model()).build();
    }

    /** Creates an untitled notebook, file or directory in a directory, or a copy ({@code copy_from}) there. */
    @POST
    @Path(PATH)
    public Response post(@PathParam("path") String path, String body) {
        ContentsRequest request = parse(body);
        return created(contents.create(ContentsPath.parse(path), request == null ? emptyRequest() : request));
    }

    @PATCH
    @Path(PATH)
    public ContentsModel rename(@PathParam("path") String path, String body) {
        ContentsRequest request = parse(body);
        if (request == null || request.path() == null) {
            throw new BadContentsRequestException("JSON body missing: a rename sends {\"path\": \"new/path\"}");
        }
        return contents.rename(ContentsPath.parse(path), ContentsPath.parse(request.path()));
    }

    @DELETE
    @Path(PATH)
    public Response delete(@PathParam("path") String path) {
        contents.delete(ContentsPath.parse(path), config.alwaysDeleteDir());
        return Response.noContent().build();
    }

    @GET
    @Path(PATH + "/checkpoints")
    public List<Checkpoint> checkpoints(@PathParam("path") String path) {
        return checkpoints.list(ContentsPath.parse(path));
    }

    @POST
    @Path(PATH + "/checkpoints")
    public Response createCheckpoint(@PathParam("path") String path) {
        ContentsPath target = ContentsPath.parse(path);
        Checkpoint checkpoint = checkpoints.create(target);
        return Response.created(location(target, "checkpoints", checkpoint.id())).entity(checkpoint).build();
    }

    @POST
    @Path(PATH + "/checkpoints/{id}")
    public Response restoreCheckpoint(@PathParam("path") String path, @PathParam("id") String id) {
        checkpoints.restore(ContentsPath.parse(path), id);
        return Response.noContent().build();
    }

    @DELETE
    @Path(PATH + "/checkpoints/{id}")
    public Response deleteCheckpoint(@PathParam("path") String path, @PathParam("id") String id) {
        checkpoints.delete(ContentsPath.parse(path), id);
        return Response.noContent().build();
    }

    private ContentsRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, ContentsRequest.class);
        } catch (JsonProcessingException e) {
            throw new BadContentsRequestException("the request body is not a JSON contents model: " + e.getOriginalMessage());
        }
    }

    /** {@code If-Match: 7}, {@code "7"} or {@code W/"7"}: the version a save is based on. */
    private static Long versionIn(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String bare = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(bare);
        } catch (NumberFormatException e) {
            throw new BadContentsRequestException("If-Match must be a version number, not " + ifMatch);
        }
    }

    private static ContentsRequest emptyRequest() {
        return new ContentsRequest(null, null, null, null, null, null, null, null);
    }

    private static Response created(ContentsModel model) {
        return Response.created(location(new ContentsPath(model.path()))).entity(model).build();
    }

    private static URI location(ContentsPath path, String... more) {
        UriBuilder uri = UriBuilder.fromPath("/api/contents");
        for (String segment : path.value().split("/")) {
            uri.segment(segment);
        }
        return uri.segment(more).build();
    }
}
