package io.jotter.scheduler.running;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What is admitted: the running runtimes, with the counts decisions need (claims per reservation, preemptions
 * under way per type) and, per type, the runtimes that may be preempted in the order they started. Kueue's
 * "cache" piece. Not thread-safe.
 */
public final class RunningRuntimes {
    private final Set<String> preemptibleTiers;
    private final Map<String, RunningRuntime> byId = new HashMap<>();
    private final Map<String, Integer> claims = new HashMap<>();
    private final Map<String, Integer> preemptingByType = new HashMap<>();
    private final Map<String, NavigableMap<Long, String>> preemptibleByType = new HashMap<>();
    private final Map<String, Long> startOrder = new HashMap<>();
    private long started;

    /** @param preemptibleTiers the tiers whose accelerator runtimes may be taken back for paying users */
    public RunningRuntimes(Set<String> preemptibleTiers) {
        this.preemptibleTiers = Set.copyOf(preemptibleTiers);
    }

    public void add(RunningRuntime runtime) {
        if (byId.putIfAbsent(runtime.id(), runtime) != null) {
            throw new IllegalArgumentException("runtime " + runtime.id() + " is already running");
        }
        if (runtime.claimedReservation() != null) {
            claims.merge(runtime.claimedReservation(), 1, Integer::sum);
        }
        long order = started++;
        startOrder.put(runtime.id(), order);
        if (preemptible(runtime)) {
            preemptibleByType.computeIfAbsent(runtime.type(), type -> new TreeMap<>()).put(order, runtime.id());
        }
    }

    /** Takes a runtime out (it stopped); empty when it was not running. */
    public Optional<RunningRuntime> remove(String id) {
        RunningRuntime runtime = byId.remove(id);
        if (runtime == null) {
            return Optional.empty();
        }
        long order = startOrder.remove(id);
        if (runtime.claimedReservation() != null) {
            claims.merge(runtime.claimedReservation(), -1, Integer::sum);
        }
        if (runtime.preemptedUntil() != null) {
            preemptingByType.merge(runtime.type(), -1, Integer::sum);
        }
        NavigableMap<Long, String> candidates = preemptibleByType.get(runtime.type());
        if (candidates != null) {
            candidates.remove(order);
        }
        return Optional.of(runtime);
    }

    public Optional<RunningRuntime> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<RunningRuntime> all() {
        return byId.values();
    }

    /** How many runtimes run under a reservation now. */
    public int claimed(String reservationId) {
        return claims.getOrDefault(reservationId, 0);
    }

    /** How many of a type's runtimes are being preempted (warned, not yet stopped). */
    public int preempting(String type) {
        return preemptingByType.getOrDefault(type, 0);
    }

    /**
     * The preemptible runtime of a type that started last, if any: the one that loses least work, and whose
     * user has waited least recently to get it. Runtimes already being preempted are not offered again.
     */
    public Optional<RunningRuntime> newestPreemptible(String type) {
        NavigableMap<Long, String> candidates = preemptibleByType.get(type);
        if (candidates == null || candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(byId.get(candidates.lastEntry().getValue()));
    }

    /** Marks a runtime as being preempted, to stop at {@code until}; it is no longer a candidate. */
    public RunningRuntime markPreempted(String id, Instant until) {
        RunningRuntime runtime = byId.get(id);
        if (runtime == null || runtime.preemptedUntil() != null) {
            throw new IllegalArgumentException("runtime " + id + " is not running, or already being preempted");
        }
        RunningRuntime marked = runtime.preempted(until);
        byId.put(id, marked);
        preemptingByType.merge(runtime.type(), 1, Integer::sum);
        preemptibleByType.get(runtime.type()).remove(startOrder.get(id));
        return marked;
    }

    /** Accelerator runtimes of the preemptible tiers, not under a reservation, may be taken back. */
    private boolean preemptible(RunningRuntime runtime) {
        return runtime.request().type().isAccelerated() && runtime.claimedReservation() == null
                && preemptibleTiers.contains(runtime.request().tier().name());
    }
}
