package io.jotter.server.jobs;

import java.util.Locale;

/** Where a job is: waiting for its runtime, starting it, running cells, or done one of three ways. */
public enum JobState {
    QUEUED, STARTING, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState parse(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** Succeeded, failed or cancelled: nothing changes it any more. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
