package io.jotter.server.sharing;

import java.time.Instant;

/** A comment on one cell of a notebook. */
public record Comment(long id, String cellId, String author, String body, Instant createdAt) {
}
