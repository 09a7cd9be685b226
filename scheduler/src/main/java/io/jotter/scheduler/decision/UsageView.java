package io.jotter.scheduler.decision;

import io.jotter.quota.admission.Usage;

/**
 * A user's usage now, for admission: the server reads it from the ledger and its runtimes table under the user's
 * lock; tests and the benchmark keep it in memory. Defined here, where it is used.
 */
@FunctionalInterface
public interface UsageView {
    /** The user's usage at this instant, running runtimes included. */
    Usage usage(String user);
}
