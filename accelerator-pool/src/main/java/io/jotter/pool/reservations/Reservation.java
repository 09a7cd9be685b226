package io.jotter.pool.reservations;

import java.util.Objects;

/**
 * Runtimes of one type booked for a window.
 *
 * @param id the reservation's id
 * @param holder who may use them: an account id, or {@code course:<id>} for a course's students
 * @param runtimeType the type booked
 * @param count how many runtimes
 * @param window when
 */
public record Reservation(String id, String holder, String runtimeType, int count, ReservationWindow window) {
    public Reservation {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(runtimeType, "runtimeType");
        Objects.requireNonNull(window, "window");
        if (count < 1) {
            throw new IllegalArgumentException("a reservation books at least one runtime");
        }
    }
}
