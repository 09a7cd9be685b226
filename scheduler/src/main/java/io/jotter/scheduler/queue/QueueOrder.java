package io.jotter.scheduler.queue;

import java.util.Comparator;

/** In which order a runtime type's waiting requests start. */
public enum QueueOrder {
    /**
     * Jotter's order: a claimed reservation first, then higher tier priority (paid before course before free);
     * within a priority, the user with less recent accelerator use ({@link FairShare}); then who asked first.
     */
    PRIORITY_FAIR_SHARE(Comparator.comparingInt(QueueEntry::priority).reversed()
            .thenComparingDouble(QueueEntry::recentUse)
            .thenComparing(entry -> entry.request().requestedAt())
            .thenComparingLong(QueueEntry::sequence)),
    /**
     * Plain first come, first served: arrival order only. Kept as the benchmark's baseline, and for installations
     * that want no priorities.
     */
    FIRST_COME_FIRST_SERVED(Comparator.comparingLong(QueueEntry::sequence));

    private final Comparator<QueueEntry> comparator;

    QueueOrder(Comparator<QueueEntry> comparator) {
        this.comparator = comparator;
    }

    Comparator<QueueEntry> comparator() {
        return comparator;
    }

    /** Whether a request of a higher-priority tier goes ahead of those already waiting. */
    public boolean lateArrivalsOvertake() {
        return this == PRIORITY_FAIR_SHARE;
    }

    /** Whether users' recent use reorders the queue (so it must be looked up and kept current). */
    boolean usesFairShare() {
        return this == PRIORITY_FAIR_SHARE;
    }
}
