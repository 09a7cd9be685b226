package io.jotter.server.home;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /}: says the server runs and where its API is, until the browser notebook is served here. */
@Path("/")
public class RootPage {
    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Jotter</title></head>
            <body>
            <h1>Jotter is running</h1>
            <p>The browser notebook comes in a later release. Meanwhile, the server's API:</p>
            <ul>
            <li><a href="/api/contents">/api/contents</a>: notebooks and files</li>
            <li><a href="/api/kernelspecs">/api/kernelspecs</a>: the kernels it can start</li>
            <li><a href="/q/health">/q/health</a>: its health</li>
            </ul>
            </body>
            </html>
            """;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        return PAGE;
    }
}
