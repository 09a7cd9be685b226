package io.jotter.server.outputs;

import io.jotter.kernel.protocol.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this server relayed of cell runs that another replica records: every kernel message of each run, from the
 * request this server sent on. If the recording replica dies before it wrote a run and this server adopts the kernel,
 * the run is rebuilt from here, where a kernel other than Jotter's keeps no record of its own. Bounded: the
 * {@value #RUNS} newest runs, none older than {@link #KEPT_FOR} (an adoption follows a replica's death within its
 * lease, seconds), at most {@value #MESSAGES_PER_RUN} messages each; a run past that is not kept (its record would be
 * incomplete), and is resumed with a note as before.
 *
 * <p>Of a run another replica relayed, this server keeps what it hears from its first message on (a page of its own
 * follows the kernel here): when that replica dies in the middle of the run, the rest of it reaches only this one.
 */
final class RelayedRuns {
    static final int RUNS = 512;
    static final int MESSAGES_PER_RUN = 1000;
    static final Duration KEPT_FOR = Duration.ofMinutes(2);

    /** What this server relayed of a run: all of it (it relayed the request), or what it heard of it from the middle on. */
    record Relayed(boolean whole, List<Message<?>> messages) {
    }

    private record Run(long startedNanos, boolean whole, List<Message<?>> messages) {
    }

    private final Map<String, Run> runs = new LinkedHashMap<>();
    /** Runs given up for their length: one heard from the middle is not begun again at its next message. */
    private final Set<String> tooLong = new LinkedHashSet<>();

    /** A request this server relays: its messages are kept from now on. */
    synchronized void relayed(String msgId) {
        forgetOld(System.nanoTime());
        runs.put(msgId, new Run(System.nanoTime(), true, new ArrayList<>()));
    }

    /**
     * A message of a run: kept if the run is, or if {@code another} says another replica relayed it (a run heard
     * from here on).
     */
    synchronized void received(String msgId, Message<?> message, boolean another) {
        Run run = runs.get(msgId);
        if (run == null && another && !tooLong.contains(msgId)) {
            forgetOld(System.nanoTime());
            run = new Run(System.nanoTime(), false, new ArrayList<>());
            runs.put(msgId, run);
        }
        if (run == null) {
            return;
        }
        if (run.messages().size() >= MESSAGES_PER_RUN) {
            runs.remove(msgId);
            tooLong.add(msgId);
            if (tooLong.size() > RUNS) {
                tooLong.remove(tooLong.iterator().next());
            }
            return;
        }
        run.messages().add(message);
    }

    /** What this server relayed of a run, once: empty when it was not kept. */
    synchronized Optional<Relayed> take(String msgId) {
        Run run = runs.remove(msgId);
        return run == null ? Optional.empty() : Optional.of(new Relayed(run.whole(), run.messages()));
    }

    private void forgetOld(long now) {
        Iterator<Run> oldestFirst = runs.values().iterator();
        while (oldestFirst.hasNext()) {
            Run run = oldestFirst.next();
            if (runs.size() < RUNS && now - run.startedNanos() < KEPT_FOR.toNanos()) {
                return;
            }
            oldestFirst.remove();
        }
    }
}
