package io.jotter.scheduler.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What waits, and in which order: one ordered queue per runtime type (types are separate capacity, so a request
 * never waits behind one for another type). Knows nothing of capacity or quota; the scheduler asks it for heads
 * and positions. Not thread-safe: the scheduler's caller holds one lock around it all.
 */
public final class RuntimeQueue {
    private final QueueOrder order;
    private final FairShare fairShare;
    private final Map<String, RankedSet<QueueEntry>> byType = new HashMap<>();
    private final Map<String, QueueEntry> byId = new HashMap<>();
    private final Map<String, Set<String>> idsByUser = new HashMap<>();
    private final Map<String, Integer> paidByType = new HashMap<>();
    private long sequence;

    public RuntimeQueue(QueueOrder order, FairShare fairShare) {
        this.order = order;
        this.fairShare = fairShare;
    }

    /**
     * Adds a request at its place.
     *
     * @param claimsReservation whether it goes before everyone, claiming capacity booked for it
     * @return its entry
     */
    public QueueEntry add(StartRequest request, boolean claimsReservation) {
        if (byId.containsKey(request.id())) {
            throw new IllegalArgumentException("request " + request.id() + " is already queued");
        }
        int priority = QueueEntry.priorityOf(request.tier(), claimsReservation);
        QueueEntry entry = new QueueEntry(request, priority, recentUse(request.user()), sequence++);
        put(entry);
        idsByUser.computeIfAbsent(request.user(), user -> new LinkedHashSet<>()).add(request.id());
        return entry;
    }

    /** Takes a request out (it started, was refused or was cancelled); empty when it was not queued. */
    public Optional<QueueEntry> remove(String id) {
        QueueEntry entry = byId.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        take(entry);
        Set<String> ids = idsByUser.get(entry.request().user());
        ids.remove(id);
        if (ids.isEmpty()) {
            idsByUser.remove(entry.request().user());
        }
        return Optional.of(entry);
    }

    /** The request that starts next for a type, if any waits. */
    public Optional<QueueEntry> head(String type) {
        RankedSet<QueueEntry> queue = byType.get(type);
        return Optional.ofNullable(queue == null ? null : queue.first());
    }

    public Optional<QueueEntry> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Where a request stands in its type's queue, 1 for the next to start; empty when not queued. */
    public Optional<Integer> position(String id) {
        QueueEntry entry = byId.get(id);
        return entry == null ? Optional.empty()
                : Optional.of(byType.get(entry.request().type().name()).rank(entry) + 1);
    }

    /** How many wait for a type. */
    public int size(String type) {
        RankedSet<QueueEntry> queue = byType.get(type);
        return queue == null ? 0 : queue.size();
    }

    /** How many of a type's waiting requests are paying users' (reservation claims not counted). */
    public int paidWaiting(String type) {
        return paidByType.getOrDefault(type, 0);
    }

    /** The types with requests waiting. */
    public List<String> waitingTypes() {
        List<String> types = new ArrayList<>();
        byType.forEach((type, queue) -> {
            if (!queue.isEmpty()) {
                types.add(type);
            }
        });
        return types;
    }

    /** A type's waiting requests in order; for tests and diagnostics, it walks the whole queue. */
    public List<QueueEntry> list(String type) {
        RankedSet<QueueEntry> queue = byType.get(type);
        return queue == null ? List.of() : queue.toList();
    }

    /** The user's use changed ({@link FairShare#charge}): their waiting requests move to their new places. */
    public void recentUseChanged(String user) {
        if (!order.usesFairShare()) {
            return;
        }
        Set<String> ids = idsByUser.get(user);
        if (ids == null) {
            return;
        }
        double use = fairShare.recentUse(user);
        for (String id : ids) {
            QueueEntry old = byId.get(id);
            take(old);
            put(new QueueEntry(old.request(), old.priority(), use, old.sequence()));
        }
    }

    private double recentUse(String user) {
        return order.usesFairShare() ? fairShare.recentUse(user) : 0;
    }

    private void put(QueueEntry entry) {
        String type = entry.request().type().name();
        byType.computeIfAbsent(type, t -> new RankedSet<>(order.comparator())).add(entry);
        byId.put(entry.request().id(), entry);
        if (entry.paid() && !entry.claimsReservation()) {
            paidByType.merge(type, 1, Integer::sum);
        }
    }

    private void take(QueueEntry entry) {
        String type = entry.request().type().name();
        byType.get(type).remove(entry);
        byId.remove(entry.request().id());
        if (entry.paid() && !entry.claimsReservation()) {
            paidByType.merge(type, -1, Integer::sum);
        }
    }
}
