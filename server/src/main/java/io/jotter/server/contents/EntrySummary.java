package io.jotter.server.contents;

import java.time.Instant;

/** An entry without its content: what a directory listing needs, read without loading notebooks. */
public record EntrySummary(String path, String type, Instant createdAt, Instant updatedAt, Long size, long version) {
}
