package io.jotter.scheduler.decision;

import java.time.Instant;

/**
 * A free runtime to take back for a paying user. The scheduler only decides; the caller warns the user with
 * {@code message}, saves the notebook, stops the runtime at {@code graceUntil} at the latest and then calls
 * {@link Scheduler#release}, whose freed slot goes to the waiting paying request by queue order.
 *
 * @param runtimeId the runtime to stop
 * @param user its owner, to warn
 * @param type its runtime type
 * @param message what the owner reads, with when it stops
 * @param graceUntil when it stops
 */
public record Preemption(String runtimeId, String user, String type, String message, Instant graceUntil) {
}
