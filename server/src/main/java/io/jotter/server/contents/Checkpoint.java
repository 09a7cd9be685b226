package io.jotter.server.contents;

import java.time.Instant;

/**
 * Jupyter's checkpoint model: a saved revision a file can be restored to.
 *
 * @param id the revision's id, a string as Jupyter has it
 * @param lastModified when the checkpoint was taken
 */
public record Checkpoint(String id, Instant lastModified) {
}
