package io.jotter.server.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Instants as native queries bind and read {@code timestamptz} columns. */
public final class SqlTimes {
    private SqlTimes() {
    }

    /** PostgreSQL keeps microseconds and rounds the rest: cut them here, so nothing written lands after "now". */
    public static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** A {@code timestamptz} column as the JDBC driver returns it (a Timestamp, an OffsetDateTime or an Instant). */
    public static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (column instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        return (Instant) column;
    }
}
