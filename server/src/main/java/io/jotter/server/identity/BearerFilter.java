package io.jotter.server.identity;

import io.jotter.auth.Account;
import io.jotter.server.kernels.KernelRegistry;
import io.jotter.server.kernels.RunningKernel;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * With accounts on, the check in front of the API and the kernel WebSocket: a Keycloak access token,
 * verified by Quarkus OIDC (signature against the realm's keys, issuer, audience {@code jotter-server},
 * expiry) before anything else sees the request. Pages and their assets are open: the page signs in.
 *
 * <p>REST takes the token as {@code Authorization: Bearer}. A browser cannot set headers on a WebSocket,
 * and a token in its URL would be written to access logs, so the handshake carries it as one of the
 * offered subprotocols, {@code jotter.bearer.<token>}, beside {@code jotter}, the one the server selects. The WebSocket must
 * also come from one of our own pages when it comes from a page at all ({@code Origin}).
 *
 * <p>No cookie is ever taken in this mode, so another site's form or script cannot act for a signed-in
 * user: it has no way to add the token.
 */
@Singleton
public class BearerFilter {
    /** The subprotocol that carries the access token on a WebSocket handshake. */
    public static final String SUBPROTOCOL_PREFIX = "jotter.bearer.";
    /** Where the filter leaves the {@link Account} for {@link CurrentUser}. */
    static final String ACCOUNT = "jotter.account";
    /** Where it leaves when the request's token expires. */
    static final String TOKEN_EXPIRES = "jotter.token-expires";
    /** And the Keycloak groups the token names (its {@code groups} claim). */
    static final String GROUPS = "jotter.groups";
    private static final Logger LOG = Logger.getLogger(BearerFilter.class);
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)bearer\\s+(\\S+)\\s*");
    private static final Pattern KERNEL_CHANNELS = Pattern.compile("/api/kernels/([^/]+)/channels");

    private final AuthMode mode;
    private final TenantIdentityProvider tokens;
    private final Accounts accounts;
    private final KernelRegistry kernels;
    private final SocketTokenExpiries expiries;

    public BearerFilter(AuthMode mode, TenantIdentityProvider tokens, Accounts accounts, KernelRegistry kernels,
                        SocketTokenExpiries expiries) {
        this.mode = mode;
        this.tokens = tokens;
        this.accounts = accounts;
        this.kernels = kernels;
        this.expiries = expiries;
    }

    @RouteFilter(TokenFilter.PRIORITY)
    void check(RoutingContext context) {
        if (!mode.accounts() || isOpen(context.normalizedPath())) {
            context.next();
            return;
        }
        HttpServerRequest request = context.request();
        boolean webSocket = request.getHeader(HttpHeaders.UPGRADE) != null;
        Optional<String> token = webSocket ? subprotocolToken(request) : headerToken(request);
        if (token.isEmpty()) {
            refuse(context, 401, webSocket
                    ? "Sign in: a kernel WebSocket needs an access token, offered as the subprotocol "
                      + SUBPROTOCOL_PREFIX + "<token>."
                    : "Sign in: this request needs an access token (Authorization: Bearer).");
            return;
        }
        if (webSocket && crossOrigin(request)) {
            refuse(context, 403, "Refused: a kernel WebSocket from another site's page.");
            return;
        }
        Context eventLoop = Vertx.currentContext();
        request.pause();
        tokens.authenticate(new AccessTokenCredential(token.get())).subscribe().with(
                identity -> eventLoop.runOnContext(ignored -> admit(context, identity)),
                failure -> eventLoop.runOnContext(ignored -> {
                    LOG.debugf("refused a token: %s", failure.toString());
                    request.resume();
                    refuse(context, 401, "The access token is not valid here (expired, altered, or for another"
                            + " realm or client). Sign in again.");
                }));
    }

    private void admit(RoutingContext context, SecurityIdentity identity) {
        Account account;
        try {
            account = account(identity);
        } catch (IllegalArgumentException e) {
            context.request().resume();
            refuse(context, 401, "The access token lacks what Jotter needs: " + e.getMessage());
            return;
        }
        context.put(ACCOUNT, account);
        context.put(GROUPS, groups(identity));
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            context.put(TOKEN_EXPIRES, Instant.ofEpochSecond(jwt.getExpirationTime()));
        }
        context.setUser(new QuarkusHttpUser(identity));
        Matcher channel = KERNEL_CHANNELS.matcher(context.normalizedPath());
        if (channel.matches() && kernels.replica() != null && !kernels.isKnown(channel.group(1))) {
            // Another replica may run it: looking it up reads the database, which the event loop must not wait on.
            String kernelId = channel.group(1);
            context.vertx().<Optional<String>>executeBlocking(() -> kernels.find(kernelId).map(RunningKernel::owner))
                    .onComplete(owner -> admitChannel(context, account, identity,
                            owner.succeeded() ? owner.result() : Optional.empty()));
            return;
        }
        admitChannel(context, account, identity, null);
    }

    /** @param knownOwner the kernel's owner when already looked up; {@code null}: look up what this replica knows */
    private void admitChannel(RoutingContext context, Account account, SecurityIdentity identity,
                              Optional<String> knownOwner) {
        if (!ownsKernelChannel(context, account, identity, knownOwner)) {
            context.request().resume();
            refuse(context, 404, "No running kernel with that id.");
            return;
        }
        if (!accounts.isNew(account)) {
            context.request().resume();
            context.next();
            return;
        }
        context.vertx().<Void>executeBlocking(() -> {
            accounts.record(account);
            return null;
        }).onComplete(recorded -> {
            context.request().resume();
            if (recorded.succeeded()) {
                context.next();
            } else if (Accounts.isUsernameTaken(recorded.cause())) {
                LOG.warnf("refused %s: the username belongs to an earlier account", account.username());
                refuse(context, 403, "Signing in as " + account.username() + " failed: the username belongs to"
                        + " an earlier account. An administrator can sort it out.");
            } else {
                LOG.warnf("could not record account %s: %s", account.username(), recorded.cause().toString());
                refuse(context, 503, "Jotter cannot record your sign-in right now. Try again in a moment.");
            }
        });
    }

    /**
     * A kernel's WebSocket is its owner's alone; another user's kernel looks like no kernel at all. The
     * owner's socket is noted with its token's expiry, for the endpoint to close it then.
     */
    private boolean ownsKernelChannel(RoutingContext context, Account account, SecurityIdentity identity,
                                      Optional<String> knownOwner) {
        Matcher matcher = KERNEL_CHANNELS.matcher(context.normalizedPath());
        if (!matcher.matches()) {
            return true;
        }
        String kernelId = matcher.group(1);
        Optional<String> owner = knownOwner != null ? knownOwner : kernels.findKnown(kernelId).map(RunningKernel::owner);
        if (!owner.map(name -> name.equals(account.username())).orElse(true)) {
            return false;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            expiries.note(kernelId, context.request().getParam("session_id"),
                    Instant.ofEpochSecond(jwt.getExpirationTime()));
        }
        return true;
    }

    /** Group names from the token's {@code groups} claim (Keycloak's group membership mapper); none if absent. */
    static Set<String> groups(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getGroups() != null) {
            // Keycloak sends full paths ("/java-101") unless told otherwise: the name is what counts.
            return jwt.getGroups().stream().map(group -> group.startsWith("/") ? group.substring(1) : group)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    static Account account(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new IllegalArgumentException("claims (the token is not a JWT)");
        }
        return Account.fromClaims(jwt.getSubject(), jwt.getClaim("preferred_username"), jwt.getClaim("name"),
                jwt.getClaim("email"), identity.getRoles());
    }

    /**
     * The page, its assets, the sign-in settings and the health probes: what a signed-out browser needs;
     * and kernels' reads of their owner's files, which carry a secret of their own (KernelFileAccess).
     */
    static boolean isOpen(String path) {
        return path.equals("/") || path.equals("/index.html") || path.equals("/favicon.ico")
                || path.equals("/tree") || path.startsWith("/tree/") || path.startsWith("/notebooks/")
                || path.startsWith("/shared/")
                || path.equals("/courses") || path.startsWith("/courses/")
                || path.equals("/usage") || path.equals("/reservations") || path.equals("/jobs")
                || path.startsWith("/assets/") || path.equals("/api/jotter/auth") || path.startsWith(TokenFilter.KERNEL_FILES)
                || path.equals("/q/health") || path.startsWith("/q/health/");
    }

    private static Optional<String> headerToken(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = AUTHORIZATION.matcher(header);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static Optional<String> subprotocolToken(HttpServerRequest request) {
        return request.headers().getAll("Sec-WebSocket-Protocol").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(protocol -> protocol.startsWith(SUBPROTOCOL_PREFIX))
                .map(protocol -> protocol.substring(SUBPROTOCOL_PREFIX.length()))
                .findFirst()
                .or(() -> headerToken(request));
    }

    /** A page's WebSocket must come from our own origin; a client that is no page sends no Origin. */
    private static boolean crossOrigin(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return false;
        }
        return !TokenFilter.isOwnOrigin(request, origin);
    }

    private static void refuse(RoutingContext context, int status, String message) {
        var response = context.response().setStatusCode(status).putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"jotter\"");
        }
        response.end(new JsonObject().put("message", message).encode());
    }
}
