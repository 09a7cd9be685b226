package io.jotter.server.runtimes;

import io.jotter.auth.Role;
import io.jotter.quota.ledger.EntryKind;
import io.jotter.quota.tiers.Tiers;
import io.jotter.server.identity.CurrentUser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/jotter/admin/accounts/{account}/...}: an admin places an account in a tier, and grants, refunds
 * or adjusts its quota. Every change is a ledger line that names the admin and the reason; nothing is edited.
 */
@Path("/api/jotter/admin/accounts/{account}")
@Produces(MediaType.APPLICATION_JSON)
public class AdminQuotaResource {
    /** Places the account in a tier; {@code null} puts it back in the default one. */
    public record TierChange(String tier, String reason) {
    }

    /**
     * A ledger line by hand.
     *
     * @param kind grant, refund or adjust
     * @param computeUnits units given to the account; negative takes them (adjust only)
     * @param acceleratorHours this week's accelerator hours given back to the account; negative takes them
     *     (adjust only)
     * @param expiresAt when granted units expire; absent: never
     */
    public record LedgerChange(String kind, BigDecimal computeUnits, Double acceleratorHours, Instant expiresAt,
                               String reason) {
    }

    private final QuotaLedger ledger;
    private final RuntimeViews views;
    private final Tiers tiers;
    private final CurrentUser user;
    private final Clock clock;

    public AdminQuotaResource(QuotaLedger ledger, RuntimeViews views, Tiers tiers, CurrentUser user, Clock clock) {
        this.ledger = ledger;
        this.views = views;
        this.tiers = tiers;
        this.user = user;
        this.clock = clock;
    }

    @GET
    @Path("usage")
    public RuntimeViews.UsageView usage(@PathParam("account") String account) {
        requireAdmin();
        return views.usage(account);
    }

    @PUT
    @Path("tier")
    public RuntimeViews.UsageView tier(@PathParam("account") String account, TierChange change) {
        requireAdmin();
        String reason = reason(change == null ? null : change.reason());
        if (change.tier() != null && tiers.find(change.tier()).isEmpty()) {
            throw bad("There is no tier named " + change.tier() + ".", "Tiers: " + String.join(", ",
                    tiers.all().stream().map(t -> t.name()).toList()) + ".");
        }
        ledger.assignTier(account, change.tier(), user.name(), reason, clock.instant());
        return views.usage(account);
    }

    @POST
    @Path("ledger")
    public Response write(@PathParam("account") String account, LedgerChange change) {
        requireAdmin();
        String reason = reason(change == null ? null : change.reason());
        EntryKind kind = switch (change.kind() == null ? "" : change.kind().toLowerCase(Locale.ROOT)) {
            case "grant" -> EntryKind.GRANT;
            case "refund" -> EntryKind.REFUND;
            case "adjust" -> EntryKind.ADJUST;
            default -> throw bad("kind is grant, refund or adjust.", "Metering is Jotter's own; write one of those.");
        };
        BigDecimal units = change.computeUnits() == null ? BigDecimal.ZERO : change.computeUnits();
        // The ledger counts accelerator time used: hours given back are negative use.
        Duration given = change.acceleratorHours() == null ? Duration.ZERO
                : Duration.ofSeconds(Math.round(change.acceleratorHours() * 3600));
        if (kind != EntryKind.ADJUST && (units.signum() < 0 || given.isNegative())) {
            throw bad("Grants and refunds only give.", "Use adjust to take compute units or hours away.");
        }
        long id = ledger.write(account, kind, units, given.negated(), change.expiresAt(), reason, user.name(),
                clock.instant());
        return Response.status(Response.Status.CREATED).entity(Map.of("id", id)).build();
    }

    private void requireAdmin() {
        if (!user.account().has(Role.ADMIN)) {
            throw new RuntimeRefusedException(Response.Status.FORBIDDEN, "admin",
                    "Only admins change tiers and quota.", "Ask an admin.", null);
        }
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw bad("Say why: every change to quota carries a reason.", "Add a reason.");
        }
        return reason.strip();
    }

    private static RuntimeRefusedException bad(String message, String remedy) {
        return new RuntimeRefusedException(Response.Status.BAD_REQUEST, "Bad Request", message, remedy, null);
    }
}
