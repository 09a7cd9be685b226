package io.jotter.server.home;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The browser notebook's page (web-frontend's {@code index.html}) at every address the app routes in
 * the browser: {@code /}, {@code /tree/<folder>} (the file browser), {@code /notebooks/<path>} and
 * {@code /courses/...} (courses, assignments, submissions), {@code /usage}, {@code /reservations} and {@code /jobs}.
 * Its scripts and styles under {@code /assets/} are served by Quarkus from the frontend jar's
 * {@code META-INF/resources}. The token filter stands in front of all of it.
 */
@Path("/")
public class RootPage {
    static final String INDEX = "META-INF/resources/index.html";
    /** When the server was built without the frontend (a module built alone): say so, not 404. */
    private static final String NO_FRONTEND = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Jotter</title></head>
            <body>
            <h1>Jotter is running</h1>
            <p>This server was built without the browser notebook (web-frontend). Its API:
            <a href="/api/contents">/api/contents</a>, <a href="/api/kernelspecs">/api/kernelspecs</a>.</p>
            </body>
            </html>
            """;

    private final String page = load();

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response root() {
        return page();
    }

    @GET
    @Path("tree")
    @Produces(MediaType.TEXT_HTML)
    public Response tree() {
        return page();
    }

    @GET
    @Path("courses")
    @Produces(MediaType.TEXT_HTML)
    public Response courses() {
        return page();
    }

    @GET
    @Path("{page: usage|reservations|jobs}")
    @Produces(MediaType.TEXT_HTML)
    public Response accountPage() {
        return page();
    }

    @GET
    @Path("{route: (tree|notebooks|shared|courses)/.*}")
    @Produces(MediaType.TEXT_HTML)
    public Response route() {
        return page();
    }

    /** Never cached: it names the current build's hashed assets. */
    private Response page() {
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true);
        return Response.ok(page).cacheControl(noCache).build();
    }

    private static String load() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(INDEX)) {
            return in == null ? NO_FRONTEND : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
