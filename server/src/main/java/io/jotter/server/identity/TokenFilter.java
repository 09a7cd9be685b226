package io.jotter.server.identity;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token check, in front of everything the server answers but its health probes: REST resources,
 * the root page and the kernel channels WebSocket's upgrade request alike, since all of them pass
 * through Vert.x's router before Quarkus REST or Undertow sees them.
 *
 * <p>A request proves itself as Jupyter Server's do: {@code Authorization: token T} (or {@code Bearer T}),
 * {@code ?token=T}, or the cookie that a page opened with {@code ?token=T} received. Such a page is
 * redirected to its URL without the token, so the token leaves the address bar and the history.
 */
@Singleton
public class TokenFilter {
    /** Runs before other filters (CORS, say, at lower priorities) so nothing answers an unproven request. */
    static final int PRIORITY = 1000;
    /** Kernels reading their owner's files prove themselves with their own secret (KernelFileAccess). */
    static final String KERNEL_FILES = "/api/jotter/kernel-files/";
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)(token|bearer)\\s+(\\S+)\\s*");
    private static final Pattern TOKEN_PARAM = Pattern.compile("(^|&)token=[^&]*");

    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private static final long COOKIE_MAX_AGE_SECONDS = 30L * 24 * 3600;

    private final ServerToken token;
    private final AuthMode mode;

    public TokenFilter(ServerToken token, AuthMode mode) {
        this.token = token;
        this.mode = mode;
    }

    @RouteFilter(PRIORITY)
    void check(RoutingContext context) {
        String path = context.normalizedPath();
        if (mode.accounts() || path.equals("/q/health") || path.startsWith("/q/health/")
                || path.startsWith(KERNEL_FILES)) {
            context.next();
            return;
        }
        HttpServerRequest request = context.request();
        if (token.matches(headerToken(request))) {
            context.next();
        } else if (cookieFrom(context)) {
            if (crossOrigin(request)) {
                refuseCrossOrigin(context);
            } else {
                context.next();
            }
        } else if (queryTokenIsValid(context)) {
            if (isBrowserPage(request, path)) {
                redirectWithCookie(context);
            } else {
                context.next();
            }
        } else {
            refuse(context, path);
        }
    }

    /** The cookie's name carries the port, as Jupyter's does: two servers on one host keep their own. */
    static String cookieName(HttpServerRequest request) {
        return "jotter-" + (request.localAddress() == null ? "0" : request.localAddress().port());
    }

    private static String headerToken(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return null;
        }
        Matcher matcher = AUTHORIZATION.matcher(header);
        return matcher.matches() ? matcher.group(2) : null;
    }

    private boolean cookieFrom(RoutingContext context) {
        Cookie cookie = context.request().getCookie(cookieName(context.request()));
        return cookie != null && token.matchesCookie(cookie.getValue());
    }

    /**
     * Browsers send the cookie with requests from any page of the same site (another port on
     * 127.0.0.1 included): a form can POST there, and the same-origin policy does not stop WebSockets.
     * So, as Jupyter Server's XSRF check does, what proves itself by cookie alone and changes
     * something (any method but GET, HEAD and OPTIONS) or opens a WebSocket must come from one of our
     * own pages, by its {@code Origin}. A write with no {@code Origin} at all is not from a browser
     * page of ours either (browsers send it on every such request); other clients use the token.
     */
    private static boolean crossOrigin(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean webSocket = request.getHeader(HttpHeaders.UPGRADE) != null;
        boolean write = !SAFE_METHODS.contains(request.method());
        if (!webSocket && !write) {
            return false;
        }
        if (origin == null) {
            return write;
        }
        return !isOwnOrigin(request, origin);
    }

    /** True if {@code origin} is this server as the request reached it: one of our own pages. */
    static boolean isOwnOrigin(HttpServerRequest request, String origin) {
        String host = request.getHeader(HttpHeaders.HOST);
        return host != null && origin.equalsIgnoreCase((request.isSSL() ? "https://" : "http://") + host);
    }

    private static void refuseCrossOrigin(RoutingContext context) {
        context.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("message", "Refused: a cross-origin request authenticated only by cookie."
                        + " Send the token in the Authorization header instead.").encode());
    }

    private boolean queryTokenIsValid(RoutingContext context) {
        List<String> values = context.queryParam("token");
        return values.size() == 1 && token.matches(values.get(0));
    }

    /** A page a person opened, not an API call or a WebSocket: worth a cookie and a clean URL. */
    private static boolean isBrowserPage(HttpServerRequest request, String path) {
        return request.method() == HttpMethod.GET && !path.startsWith("/api/")
                && request.getHeader(HttpHeaders.UPGRADE) == null;
    }

    private void redirectWithCookie(RoutingContext context) {
        HttpServerRequest request = context.request();
        context.response().addCookie(Cookie.cookie(cookieName(request), token.cookieValue())
                .setPath("/").setHttpOnly(true).setSecure(request.isSSL()).setSameSite(CookieSameSite.LAX)
                // Kept across browser restarts, as Jupyter's (30 days); a new server process makes it void anyway.
                .setMaxAge(COOKIE_MAX_AGE_SECONDS));
        String query = request.query() == null ? "" : TOKEN_PARAM.matcher(request.query()).replaceAll("")
                .replaceFirst("^&", "");
        // Relative: the browser stays on whatever host and port it used to reach us.
        String location = request.path() + (query.isEmpty() ? "" : "?" + query);
        context.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, location)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
    }

    private static void refuse(RoutingContext context, String path) {
        boolean present = context.request().getHeader(HttpHeaders.AUTHORIZATION) != null
                || !context.queryParam("token").isEmpty();
        String message = present ? "Invalid token." : "This Jotter server needs its token.";
        var response = context.response().setStatusCode(401).putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (path.startsWith("/api/") || acceptsJsonOnly(context.request())) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("message", message).encode());
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").end("""
                    <!doctype html><html><head><meta charset="utf-8"><title>Jotter: token needed</title></head>
                    <body><h1>Jotter needs its token</h1>
                    <p>%s Open the URL with <code>?token=</code> that <code>./jotter up</code> printed
                    (or that the server logged when it started).</p></body></html>
                    """.formatted(message));
        }
    }

    private static boolean acceptsJsonOnly(HttpServerRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json")
                && !accept.toLowerCase(Locale.ROOT).contains("text/html");
    }
}
