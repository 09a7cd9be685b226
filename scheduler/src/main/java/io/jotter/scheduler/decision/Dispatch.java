package io.jotter.scheduler.decision;

import java.util.List;

/**
 * What one {@link Scheduler#dispatch} did.
 *
 * @param started waiting requests that now run: launch them
 * @param refused waiting requests that quota refused when their turn came (the user started another runtime
 *     meanwhile, or spent their quota): tell their users
 * @param preemptions free runtimes to take back for paying users waiting
 */
public record Dispatch(List<Decision.Started> started, List<Decision.Refused> refused, List<Preemption> preemptions) {
    public Dispatch {
        started = List.copyOf(started);
        refused = List.copyOf(refused);
        preemptions = List.copyOf(preemptions);
    }

    public boolean isEmpty() {
        return started.isEmpty() && refused.isEmpty() && preemptions.isEmpty();
    }
}
