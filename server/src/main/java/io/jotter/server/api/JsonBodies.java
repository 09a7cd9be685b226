package io.jotter.server.api;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the body of an {@code /api} request labelled plain text as JSON, as Jupyter Server does (its
 * handlers parse every body as JSON, whatever its Content-Type).
 * {@code @jupyterlab/services} sends its bodies as strings through {@code fetch}, which labels them
 * {@code text/plain;charset=UTF-8}; without this, resources that take a typed body (a session, a
 * kernel) would refuse JupyterLab's requests with 415.
 */
@Singleton
public class JsonBodies {
    /** After the token check ({@code identity.TokenFilter}, 1000): nothing is done for an unproven request. */
    static final int PRIORITY = 900;
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    @RouteFilter(PRIORITY)
    void label(RoutingContext context) {
        if (WITH_BODY.contains(context.request().method()) && context.normalizedPath().startsWith("/api/")
                && isPlainText(context.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            context.request().headers().set(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        context.next();
    }

    private static boolean isPlainText(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).strip().startsWith("text/plain");
    }
}
