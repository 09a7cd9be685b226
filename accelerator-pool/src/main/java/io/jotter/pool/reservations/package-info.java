/**
 * The reservation calendar: runtimes of a type booked for a time window by a paid user or for a course. Time is
 * cut into {@link io.jotter.pool.reservations.ReservationWindow#SLOT} slots; a reservation holds its count in
 * every slot it covers, and no slot may hold more than the type's capacity. The server enforces that in
 * PostgreSQL (a row per type and slot with a check constraint), so two requests racing for the last slot cannot
 * both win; the rules of what is held back from others, and when, live here.
 */
package io.jotter.pool.reservations;
