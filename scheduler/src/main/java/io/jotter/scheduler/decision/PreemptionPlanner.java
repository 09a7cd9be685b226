package io.jotter.scheduler.decision;

import io.jotter.scheduler.running.RunningRuntime;
import io.jotter.scheduler.running.RunningRuntimes;
import io.jotter.scheduler.running.StartEstimator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses free runtimes to take back for paying users waiting, no more than needed: one per paying request (and
 * per reserved runtime owed) not already covered by a preemption under way, or by a slot expected to free by
 * itself within the grace period, since a preemption frees nothing sooner than that.
 *
 * <p>The victim is the preemptible runtime that started last: it has done the least work, and its user has had
 * the accelerator the shortest. Runtimes under a reservation are never taken.
 */
final class PreemptionPlanner {
    private final Duration grace;
    private final RunningRuntimes running;
    private final StartEstimator estimator;

    PreemptionPlanner(Duration grace, RunningRuntimes running, StartEstimator estimator) {
        this.grace = grace;
        this.running = running;
        this.estimator = estimator;
    }

    /** @param wanted slots paying users (and reservations) wait for beyond those free now */
    List<Preemption> plan(String type, int wanted, Instant now) {
        int needed = wanted - running.preempting(type);
        if (needed <= 0) {
            return List.of();
        }
        needed -= (int) Math.floor(estimator.expectedFrees(type, grace, now));
        List<Preemption> chosen = new ArrayList<>();
        Instant until = now.plus(grace);
        while (needed-- > 0) {
            RunningRuntime victim = running.newestPreemptible(type).orElse(null);
            if (victim == null) {
                break;
            }
            running.markPreempted(victim.id(), until);
            chosen.add(new Preemption(victim.id(), victim.request().user(), type,
                    "Your " + victim.request().type().displayName() + " runtime stops at " + until + " (in "
                            + grace.toMinutes() + " min) for a paying user's runtime: free accelerators are taken "
                            + "back when demand is high. Your notebook is saved first. CPU runtimes are not taken "
                            + "back.", until));
        }
        return chosen;
    }
}
