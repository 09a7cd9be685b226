package io.jotter.server.runtimes;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** {@code /api/jotter/reservations}: book runtimes of a type for a window, for oneself or a course. */
@Path("/api/jotter/reservations")
@Produces(MediaType.APPLICATION_JSON)
public class ReservationsResource {
    /**
     * The body of a booking.
     *
     * @param courseId book for this course's students (its instructors may); absent: for oneself
     */
    public record BookRequest(String runtimeType, Integer count, Instant startsAt, Instant endsAt, Long courseId) {
    }

    /** A reservation as the calendar lists it. */
    public record ReservationView(long id, String holder, String runtimeType, int count, Instant startsAt,
                                  Instant endsAt, String createdBy, int inUse) {
        static ReservationView of(ReservationStore.Booked booked) {
            var r = booked.reservation();
            return new ReservationView(Long.parseLong(r.id()), r.holder(), r.runtimeType(), r.count(),
                    r.window().start(), r.window().end(), booked.createdBy(), booked.claimed());
        }
    }

    private final Reservations reservations;

    public ReservationsResource(Reservations reservations) {
        this.reservations = reservations;
    }

    @GET
    public List<ReservationView> mine() {
        return reservations.mine().stream().map(ReservationView::of).toList();
    }

    @POST
    public Response book(BookRequest request) {
        if (request == null || request.runtimeType() == null || request.startsAt() == null || request.endsAt() == null) {
            throw new RuntimeRefusedException(Response.Status.BAD_REQUEST, "reservation",
                    "A reservation names runtime_type, starts_at and ends_at.", "Send all three (count defaults to 1).",
                    null);
        }
        ReservationView view = ReservationView.of(reservations.book(request.runtimeType(),
                request.count() == null ? 1 : request.count(), request.startsAt(), request.endsAt(), request.courseId()));
        return Response.created(URI.create("/api/jotter/reservations/" + view.id())).entity(view).build();
    }

    @DELETE
    @Path("{id}")
    public Response cancel(@PathParam("id") long id) {
        reservations.cancel(id);
        return Response.noContent().build();
    }

    /** What is booked and bookable, quarter hour by quarter hour, from {@code from} (default: now); a day by default. */
    @GET
    @Path("calendar")
    public List<Reservations.Slot> calendar(@QueryParam("runtime_type") String type, @QueryParam("from") String from,
                                            @QueryParam("slots") @DefaultValue("96") int slots) {
        return reservations.calendar(type, from == null ? null : Instant.parse(from), slots);
    }
}
