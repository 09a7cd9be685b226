package io.jotter.server.runtimes;

import io.jotter.auth.CourseAction;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.pool.catalog.RuntimeType;
import io.jotter.pool.reservations.InvalidReservationException;
import io.jotter.pool.reservations.ReservationRules;
import io.jotter.pool.reservations.ReservationWindow;
import io.jotter.quota.tiers.Tier;
import io.jotter.server.courses.CourseGuard;
import io.jotter.server.identity.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Booking and cancelling reservations: who may book (a tier that may reserve, or a course's instructor for the
 * course), within what rules, and the clear refusal when the calendar is full.
 */
@ApplicationScoped
public class Reservations {
    /** One quarter hour of the calendar: how many runtimes are booked and how many may be. */
    public record Slot(Instant start, int booked, int bookable) {
    }

    private final ReservationStore store;
    private final RuntimeCatalog catalog;
    private final ReservationRules rules;
    private final PoolTypes pool;
    private final PoolConfig config;
    private final AccountTiers tiers;
    private final CourseGuard courses;
    private final CurrentUser user;
    private final Clock clock;

    public Reservations(ReservationStore store, RuntimeCatalog catalog, ReservationRules rules, PoolTypes pool,
                        PoolConfig config, AccountTiers tiers, CourseGuard courses, CurrentUser user, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.rules = rules;
        this.pool = pool;
        this.config = config;
        this.tiers = tiers;
        this.courses = courses;
        this.user = user;
        this.clock = clock;
    }

    /** How many runtimes of the type reservations may hold in any slot: the reservable share of capacity. */
    int bookable(String type) {
        return (int) Math.floor(pool.capacity().getOrDefault(type, 0) * config.reservableShare());
    }

    public ReservationStore.Booked book(String typeName, int count, Instant start, Instant end, Long courseId) {
        RuntimeType type = catalog.get(typeName);
        Instant now = clock.instant();
        ReservationWindow window;
        try {
            window = new ReservationWindow(start, end);
            rules.check(window, now);
        } catch (InvalidReservationException e) {
            throw refusal(Response.Status.BAD_REQUEST, e.getMessage(), "Choose a window on quarter hours, at most "
                    + config.maxReservation().toHours() + " h long and at most " + config.bookAhead().toDays()
                    + " days ahead.");
        }
        String holder = holder(type, courseId);
        if (count < 1) {
            throw refusal(Response.Status.BAD_REQUEST, "A reservation books at least one runtime.", "Ask for one or more.");
        }
        int bookable = bookable(type.name());
        try {
            long id = store.book(holder, type.name(), count, window, bookable, user.name(), now);
            return store.find(id);
        } catch (RuntimeException e) {
            if (!overbooked(e)) {
                throw e;
            }
            Map<Instant, Integer> booked = store.booked(type.name(), window.start(), window.end());
            int most = booked.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            throw refusal(Response.Status.CONFLICT, "Only " + Math.max(0, bookable - most) + " " + type.name()
                    + " runtimes are free to book all through that window (" + bookable + " may be booked at once; "
                    + most + " already are at the busiest quarter hour).", "Book fewer, or another window: "
                    + "the reservations calendar shows what is free.");
        }
    }

    private String holder(RuntimeType type, Long courseId) {
        if (courseId != null) {
            courses.require(Long.toString(courseId), CourseAction.RESERVE_RUNTIMES);
            return "course:" + courseId;
        }
        Tier tier = tiers.tierOf(user.name());
        if (!tier.mayReserve()) {
            throw refusal(Response.Status.FORBIDDEN, "The " + tier.name() + " tier does not reserve runtimes.",
                    "Reservations come with paid tiers; instructors reserve for their courses.");
        }
        if (!tier.runtimeTypes().contains(type.name())) {
            throw refusal(Response.Status.FORBIDDEN, "The " + tier.name() + " tier does not include " + type.name()
                    + " runtimes.", "Reserve a type your tier includes.");
        }
        return user.name();
    }

    private static boolean overbooked(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains(ReservationStore.OVERBOOKED)) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeRefusedException refusal(Response.Status status, String message, String remedy) {
        return new RuntimeRefusedException(status, "reservation", message, remedy, null);
    }

    /** Cancels one of the caller's reservations (or a course's, by its instructor). */
    public void cancel(long id) {
        ReservationStore.Booked booked = mine().stream().filter(b -> b.reservation().id().equals(Long.toString(id)))
                .findFirst().orElseThrow(() -> refusal(Response.Status.NOT_FOUND, "No reservation " + id + " of yours.",
                        "GET /api/jotter/reservations lists yours."));
        String holder = booked.reservation().holder();
        if (holder.startsWith("course:")) {
            courses.require(holder.substring("course:".length()), CourseAction.RESERVE_RUNTIMES);
        }
        store.cancel(id, clock.instant());
    }

    /** The caller's reservations and their courses', not yet ended. */
    public List<ReservationStore.Booked> mine() {
        return store.heldBy(tiers.holders(user.name()), clock.instant());
    }

    /** A type's calendar from the slot holding {@code from} (null: now) for {@code slots} quarter hours, a week at most. */
    public List<Slot> calendar(String typeName, Instant from, int slots) {
        RuntimeType type = catalog.get(typeName);
        Instant start = ReservationWindow.slotOf(from == null ? clock.instant() : from);
        Instant end = start.plus(ReservationWindow.SLOT.multipliedBy(Math.min(Math.max(slots, 1), 4 * 24 * 7)));
        Map<Instant, Integer> booked = store.booked(type.name(), start, end);
        int bookable = bookable(type.name());
        List<Slot> calendar = new ArrayList<>();
        for (Instant slot = start; slot.isBefore(end); slot = slot.plus(ReservationWindow.SLOT)) {
            calendar.add(new Slot(slot, booked.getOrDefault(slot, 0), bookable));
        }
        return calendar;
    }
}
