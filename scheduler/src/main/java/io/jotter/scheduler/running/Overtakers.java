package io.jotter.scheduler.running;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * How fast requests that rank above a waiting one join its type's queue. Requests of a higher-priority tier go ahead
 * of it, and so do those of its own tier whose users used accelerators less lately (fair share): a start estimate that
 * counts only the requests ahead now is too early whenever such requests keep coming. Counted over the last
 * {@code window} of arrivals that queued, at most {@value #KEPT} per type.
 *
 * <p>Not thread-safe while arrivals are added; once filled, any number of threads may read it.
 */
public final class Overtakers {
    static final int KEPT = 2_000;
    /** How far back arrivals count, in the decision core and the server alike. */
    public static final Duration WINDOW = Duration.ofMinutes(30);

    private record Arrival(Instant at, int priority, double recentUse) {
    }

    private final Duration window;
    private final Map<String, Deque<Arrival>> byType = new HashMap<>();

    /** @param window how far back arrivals count */
    public Overtakers(Duration window) {
        this.window = window;
    }

    /** A request queued for the type: its tier's priority, and its user's recent use when it queued. */
    public void queued(String type, int priority, double recentUse, Instant at) {
        Deque<Arrival> arrivals = byType.computeIfAbsent(type, t -> new ArrayDeque<>());
        arrivals.addLast(new Arrival(at, priority, recentUse));
        Instant from = at.minus(window);
        while (arrivals.size() > KEPT || arrivals.peekFirst().at().isBefore(from)) {
            arrivals.removeFirst();
        }
    }

    /** Requests a minute, over the window, that would rank above one of this priority and recent use. */
    public double perMinuteAbove(String type, int priority, double recentUse, Instant now) {
        Deque<Arrival> arrivals = byType.get(type);
        if (arrivals == null || arrivals.isEmpty()) {
            return 0;
        }
        Instant from = now.minus(window);
        long above = arrivals.stream().filter(a -> !a.at().isBefore(from))
                .filter(a -> a.priority() > priority || (a.priority() == priority && a.recentUse() < recentUse)).count();
        // Over the window, or since the oldest arrival kept when the window held more than are kept.
        Instant since = arrivals.size() >= KEPT && arrivals.peekFirst().at().isAfter(from) ? arrivals.peekFirst().at() : from;
        return above / Math.max(1, Duration.between(since, now).toSeconds() / 60.0);
    }
}
