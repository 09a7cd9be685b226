package io.jotter.pool.reservations;

/** A reservation that cannot be made as asked; the message says why, in words for the person booking. */
public class InvalidReservationException extends RuntimeException {
    public InvalidReservationException(String message) {
        super(message);
    }
}
