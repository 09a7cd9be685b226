package io.jotter.quota.admission;

import java.time.Duration;
import java.time.Instant;

/** Quota's answer to a runtime request. */
public sealed interface Admission {

    /**
     * The user may start it.
     *
     * @param maxRuntime how long it may run: the tier's maximum lifetime, or less when quota runs out sooner
     * @param quotaLimited whether quota (not the lifetime) set {@code maxRuntime}: the runtime stops when quota
     *     is spent, after the notebook is saved
     */
    record Admitted(Duration maxRuntime, boolean quotaLimited) implements Admission {
    }

    /**
     * The user may not, now.
     *
     * @param reason which rule said no
     * @param message what happened, in the user's words
     * @param remedy what the user can do about it
     * @param retryAt when asking again would succeed, when that is known (free hours renew); {@code null}
     */
    record Refused(Reason reason, String message, String remedy, Instant retryAt) implements Admission {
    }

    /** Which rule refused. */
    enum Reason {
        /** The tier does not include the runtime type. */
        TIER,
        /** The user already holds as many runtimes as the tier allows. */
        CONCURRENCY,
        /** Accelerator hours or compute units are spent. */
        QUOTA
    }
}
