import io.jotter.pool.capacity.CapacityPool;
import io.jotter.pool.capacity.PoolNode;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.pool.catalog.RuntimeType;
import io.jotter.pool.reservations.Reservation;
import io.jotter.pool.reservations.ReservationWindow;
import io.jotter.quota.admission.Usage;
import io.jotter.quota.tiers.Tier;
import io.jotter.quota.tiers.Tiers;
import io.jotter.scheduler.decision.Decision;
import io.jotter.scheduler.decision.Dispatch;
import io.jotter.scheduler.decision.Preemption;
import io.jotter.scheduler.decision.Scheduler;
import io.jotter.scheduler.decision.SchedulerPolicy;
import io.jotter.scheduler.queue.StartRequest;
import io.jotter.scheduler.running.RunningRuntime;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The scheduler benchmark: a discrete-event simulation of a day, driving the real decision core
 * (io.jotter.scheduler.decision.Scheduler over the pool's CapacityPool and quota's AdmissionPolicy) with a
 * simulated clock, once with Jotter's policy and once with plain first come first served, on the same workload
 * (same seed). Measures the wall-clock time of each decision, accelerator utilisation while demand exceeds
 * supply, waits per tier and their fairness, the error of the start estimates, and the class's wait.
 * Numbers only, not a test. Run by ./jotter bench scheduler [--quick].
 */
public class SchedulerBench {
    static final Instant DAY = Instant.parse("2025-03-04T00:00:00Z"); // a Tuesday
    static final long DAY_S = 86_400;
    static final long SEED = 20250304L;

    /** Workload parameters; --quick scales nodes and users by a tenth (the class stays 300). */
    record Params(int nodes, int slotsPerNode, int users, int classSize, double returnProbability,
                  double lengthMedianMin, double lengthSigma, double reservingShare) {
    }

    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        Params p = quick ? new Params(1_000, 8, 10_000, 300, 0.85, 240, 0.7, 0.2)
                : new Params(10_000, 8, 100_000, 300, 0.85, 240, 0.7, 0.2);
        Workload workload = new Workload(p);
        workload.describe();
        Map<String, Result> results = new LinkedHashMap<>();
        // Warm the JIT on a copy of the quick workload's first run so neither policy pays for it in its p99.
        new Simulation(new Workload(new Params(200, 8, 2_000, 50, 0.6, 180, 0.8, 0.2)),
                SchedulerPolicy.defaults()).run();
        results.put("Jotter (priority, fair share, reservations, preemption)",
                new Simulation(workload, SchedulerPolicy.defaults()).run());
        results.put("first come, first served", new Simulation(workload, SchedulerPolicy.firstComeFirstServed()).run());
        Report.print(results);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The workload: users, their tiers, types, arrival times and (per user, drawn in a fixed order) their sessions.

    static final class Workload {
        static final String[] TYPES = {"gpu-t4", "gpu-l4", "gpu-a100", "gpu-h100"};
        static final double[] NODE_SHARE = {0.78, 0.08, 0.09, 0.05};
        final Params p;
        final RuntimeCatalog catalog = RuntimeCatalog.defaults();
        final Tiers tiers = Tiers.defaults();
        final Tier[] tier;
        final RuntimeType[] type;
        final long[] arrival;
        final boolean[] student;
        final double[] weeklyUsedHours;
        final double[] units;
        final List<Reservation> reservations = new ArrayList<>();
        final Map<Integer, String> reservationOf = new HashMap<>();
        final long classStart = 14 * 3600;

        Workload(Params p) {
            this.p = p;
            int n = p.users;
            tier = new Tier[n];
            type = new RuntimeType[n];
            arrival = new long[n];
            student = new boolean[n];
            weeklyUsedHours = new double[n];
            units = new double[n];
            SplittableRandom random = new SplittableRandom(SEED);
            for (int u = 0; u < n; u++) {
                boolean isStudent = u < p.classSize;
                student[u] = isStudent;
                double roll = random.nextDouble();
                String tierName = isStudent ? Tiers.COURSE : roll < 0.75 ? Tiers.FREE : roll < 0.93 ? Tiers.PRO : Tiers.PRO_PLUS;
                tier[u] = tiers.find(tierName).orElseThrow();
                type[u] = catalog.get(pickType(tierName, random.nextDouble()));
                arrival[u] = isStudent ? classStart + random.nextLong(300) : arrivalTime(random);
                weeklyUsedHours[u] = random.nextDouble() * 28;
                units[u] = random.nextDouble() * (tierName.equals(Tiers.PRO_PLUS) ? 500 : 100);
            }
            Instant classAt = DAY.plusSeconds(classStart);
            reservations.add(new Reservation("class", "course:ml-101", "gpu-t4", p.classSize,
                    new ReservationWindow(classAt, classAt.plus(Duration.ofHours(2)))));
            for (int u = 0; u < p.classSize; u++) {
                reservationOf.put(u, "class");
            }
            for (int u = p.classSize; u < n; u++) {
                if (tier[u].paysInUnits() && random.nextDouble() < p.reservingShare && arrival[u] < DAY_S - 3 * 3600) {
                    // A paid user books a quarter-hour window at their arrival; 10% never come.
                    long start = (arrival[u] / 900 + 1) * 900;
                    Instant at = DAY.plusSeconds(start);
                    String id = "res-" + u;
                    reservations.add(new Reservation(id, "u" + u, type[u].name(), 1,
                            new ReservationWindow(at, at.plus(Duration.ofHours(3)))));
                    reservationOf.put(u, id);
                    arrival[u] = random.nextDouble() < 0.1 ? -1 : start + random.nextLong(1_200);
                }
            }
        }

        static String pickType(String tier, double roll) {
            return switch (tier) {
                case Tiers.FREE, Tiers.COURSE -> "gpu-t4";
                case Tiers.PRO -> roll < 0.40 ? "gpu-t4" : roll < 0.75 ? "gpu-l4" : "gpu-a100";
                default -> roll < 0.30 ? "gpu-l4" : roll < 0.70 ? "gpu-a100" : "gpu-h100";
            };
        }

        /** Arrival rate over the day: a floor of 0.25 plus a bump peaking at 14:00 UTC (width 3.5 h). */
        static double rate(double hour) {
            double z = (hour - 14) / 3;
            return 0.15 + Math.exp(-z * z);
        }

        static long arrivalTime(SplittableRandom random) {
            while (true) { // rejection sampling from the rate's density
                double t = random.nextDouble() * DAY_S;
                if (random.nextDouble() * 1.15 < rate(t / 3600)) {
                    return (long) t;
                }
            }
        }

        List<PoolNode> nodes() {
            List<PoolNode> nodes = new ArrayList<>();
            int made = 0;
            for (int i = 0; i < TYPES.length; i++) {
                int count = i == TYPES.length - 1 ? p.nodes - made : (int) Math.round(p.nodes * NODE_SHARE[i]);
                for (int j = 0; j < count; j++) {
                    nodes.add(new PoolNode(TYPES[i] + "-" + j, TYPES[i], p.slotsPerNode));
                }
                made += count;
            }
            return nodes;
        }

        /** How many notebooks a user runs side by side: 1, 2 or 3 (50/35/15%), at most the tier allows. */
        int streams(int user) {
            if (student[user]) {
                return 1;
            }
            double roll = new SplittableRandom(SEED * 17 + user).nextDouble();
            return Math.min(tier[user].maxConcurrent(), roll < 0.5 ? 1 : roll < 0.85 ? 2 : 3);
        }

        /** A user's k-th session, drawn from the user's own stream: the same under every policy. */
        Session session(int user, int k) {
            SplittableRandom random = new SplittableRandom(SEED * 31 + user * 1_000_003L + k);
            double median = student[user] ? 90 : p.lengthMedianMin;
            double sigma = student[user] ? 0.3 : p.lengthSigma;
            long length = (long) (60 * median * Math.exp(sigma * gaussian(random)));
            boolean returns = !student[user] && random.nextDouble() < p.returnProbability;
            long gap = (long) (-Math.log(1 - random.nextDouble()) * 20 * 60);
            long patience = 20 * 60 + random.nextLong(220 * 60);
            return new Session(Math.max(60, length), returns, gap, patience);
        }

        static double gaussian(SplittableRandom random) {
            double u = 1 - random.nextDouble();
            double v = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }

        void describe() {
            System.out.println("Scheduler benchmark: one simulated day (" + DAY + " + 24 h), seed " + SEED);
            StringBuilder pool = new StringBuilder();
            int made = 0;
            for (int i = 0; i < TYPES.length; i++) {
                int count = i == TYPES.length - 1 ? p.nodes - made : (int) Math.round(p.nodes * NODE_SHARE[i]);
                made += count;
                pool.append(String.format(Locale.ROOT, "%s %d nodes (%d slots)%s", TYPES[i], count,
                        count * p.slotsPerNode, i < TYPES.length - 1 ? ", " : ""));
            }
            System.out.printf(Locale.ROOT, "  pool: %,d nodes x %d accelerators = %,d: %s%n", p.nodes, p.slotsPerNode,
                    p.nodes * p.slotsPerNode, pool);
            Map<String, Integer> byTier = new LinkedHashMap<>();
            for (Tier t : tier) {
                byTier.merge(t.name(), 1, Integer::sum);
            }
            System.out.printf(Locale.ROOT, "  users: %,d %s; free and course ask gpu-t4; pro t4/l4/a100 40/35/25%%; "
                    + "pro-plus l4/a100/h100 30/40/30%%%n", p.users, byTier);
            System.out.println("  arrivals: Poisson with a time-of-day rate 0.15 + exp(-((h-14)/3)^2) (peak 14:00 UTC;"
                    + " the user count is fixed, so arrival times are i.i.d. from that density)");
            System.out.printf(Locale.ROOT, "  sessions: lognormal length, median %.0f min, sigma %.1f (mean %.0f min), capped"
                    + " by the admitted max runtime; each user runs 1, 2 or 3 notebooks side by side (50/35/15%%, at"
                    + " most the tier's concurrency), and after a session a user comes back with p=%.2f after an"
                    + " exponential gap (mean 20 min); a waiting user gives up after U(20, 240) min%n",
                    p.lengthMedianMin, p.lengthSigma, p.lengthMedianMin * Math.exp(p.lengthSigma * p.lengthSigma / 2),
                    p.returnProbability);
            System.out.printf(Locale.ROOT, "  class: %d course students submit gpu-t4 between 14:00 and 14:05, sessions"
                    + " ~90 min, claiming a course reservation of %d gpu-t4 for 14:00-16:00%n", p.classSize, p.classSize);
            System.out.printf(Locale.ROOT, "  reservations: %d paid users (%.0f%% of pro/pro-plus arriving before 21:00)"
                    + " book 1 runtime for 3 h from the next quarter hour, come within 20 min of its start"
                    + " (grace is 15 min), 10%% never come; the scheduler learns of each an hour ahead%n",
                    reservations.size() - 1, 100 * p.reservingShare);
            System.out.println("  quota: free users have used U(0, 28) h of this week's 30 h; paid users hold U(0, grant)"
                    + " units (100 pro, 500 pro-plus); use is charged as sessions end");
            System.out.println("  demand exceeds supply where the peak's concurrent sessions pass a type's slots (see"
                    + " 'excess-demand hours' below); the simulation stops at 24:00");
            System.out.println();
        }
    }

    record Session(long length, boolean returns, long gap, long patience) {
    }

    // ---------------------------------------------------------------------------------------------------------
    // The simulation.

    static final class SimClock extends Clock {
        long seconds;

        @Override
        public Instant instant() {
            return DAY.plusSeconds(seconds);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    enum Kind { BOOK, ARRIVE, END, PREEMPT, CANCEL, TICK }

    record Event(long at, long seq, Kind kind, int user, int request) {
    }

    /** What happened to one request. */
    static final class Req {
        final int user;
        final int session;
        final long submitted;
        long estimate = -1;
        long started = -1;
        long ended = -1;
        boolean preempted;
        boolean queued;

        Req(int user, int session, long submitted) {
            this.user = user;
            this.session = session;
            this.submitted = submitted;
        }
    }

    static final class Simulation {
        final Workload w;
        final SchedulerPolicy policy;
        final SimClock clock = new SimClock();
        final CapacityPool pool;
        final Scheduler scheduler;
        final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
                : Long.compare(a.seq, b.seq));
        final List<Req> requests = new ArrayList<>();
        final int[] running;
        final int[] runningAccel;
        final double[] burn;
        final double[] usedHours;
        final double[] units;
        final Result result = new Result();
        long seq;
        long lastAt;

        Simulation(Workload w, SchedulerPolicy policy) {
            this.w = w;
            this.policy = policy;
            int n = w.p.users;
            running = new int[n];
            runningAccel = new int[n];
            burn = new double[n];
            usedHours = w.weeklyUsedHours.clone();
            units = w.units.clone();
            pool = new CapacityPool(w.nodes());
            scheduler = new Scheduler(pool, this::usage, policy, clock);
        }

        Usage usage(String user) {
            int u = Integer.parseInt(user, 1, user.length(), 10);
            return new Usage(running[u], BigDecimal.valueOf(units[u]), BigDecimal.valueOf(burn[u]),
                    Duration.ofSeconds((long) (usedHours[u] * 3600)), runningAccel[u]);
        }

        void at(long time, Kind kind, int user, int request) {
            events.add(new Event(time, seq++, kind, user, request));
        }

        Result run() {
            for (int i = 0; i < w.reservations.size(); i++) {
                long start = w.reservations.get(i).window().start().getEpochSecond() - DAY.getEpochSecond();
                at(Math.max(0, start - 3600), Kind.BOOK, -1, i);
            }
            for (int u = 0; u < w.p.users; u++) {
                if (w.arrival[u] >= 0) {
                    // Notebooks open side by side: stream s's k-th session is session s * 1000 + k.
                    for (int stream = 0; stream < w.streams(u); stream++) {
                        at(w.arrival[u] + stream * 300L, Kind.ARRIVE, u, stream * 1000);
                    }
                }
            }
            for (long t = 60; t < DAY_S; t += 60) {
                at(t, Kind.TICK, -1, -1);
            }
            while (!events.isEmpty() && events.peek().at < DAY_S) {
                Event e = events.poll();
                account(e.at);
                clock.seconds = e.at;
                handle(e);
            }
            account(DAY_S);
            result.finish(this);
            return result;
        }

        void handle(Event e) {
            switch (e.kind) {
                case BOOK -> scheduler.addReservation(w.reservations.get(e.request));
                case ARRIVE -> submit(e.user, e.request);
                case END, PREEMPT -> stop(e.request, e.kind == Kind.PREEMPT);
                case CANCEL -> {
                    if (scheduler.cancel("q" + e.request)) {
                        result.abandoned[tierIndex(requests.get(e.request).user)]++;
                    }
                }
                case TICK -> dispatch();
            }
        }

        void submit(int user, int session) {
            int id = requests.size();
            Req req = new Req(user, session, clock.seconds);
            requests.add(req);
            String reservation = session == 0 ? w.reservationOf.get(user) : null;
            StartRequest request = new StartRequest("q" + id, "u" + user, w.tier[user], w.type[user], clock.instant(),
                    reservation);
            long t0 = System.nanoTime();
            Decision decision = scheduler.submit(request);
            result.submitNanos.add(System.nanoTime() - t0);
            if (decision instanceof Decision.Started s) {
                started(id, s);
            } else if (decision instanceof Decision.Queued q) {
                req.queued = true;
                req.estimate = q.estimatedStart().getEpochSecond() - DAY.getEpochSecond();
                at(clock.seconds + w.session(user, session).patience(), Kind.CANCEL, user, id);
                dispatch();
            } else if (decision instanceof Decision.Refused r) {
                result.refused.merge(r.reason().name(), 1, Integer::sum);
            }
        }

        void dispatch() {
            long t0 = System.nanoTime();
            Dispatch d = scheduler.dispatch();
            result.dispatchNanos.add(System.nanoTime() - t0);
            for (Decision.Started s : d.started()) {
                started(Integer.parseInt(s.requestId(), 1, s.requestId().length(), 10), s);
            }
            for (Decision.Refused r : d.refused()) {
                result.refused.merge(r.reason().name() + " (at dispatch)", 1, Integer::sum);
            }
            for (Preemption pre : d.preemptions()) {
                int id = Integer.parseInt(pre.runtimeId(), 1, pre.runtimeId().length(), 10);
                requests.get(id).preempted = true;
                result.preemptions++;
                at(pre.graceUntil().getEpochSecond() - DAY.getEpochSecond(), Kind.PREEMPT, -1, id);
            }
        }

        void started(int id, Decision.Started s) {
            Req req = requests.get(id);
            req.started = clock.seconds;
            int u = req.user;
            running[u]++;
            runningAccel[u]++;
            burn[u] += w.type[u].computeUnitsPerHour().doubleValue();
            long length = Math.min(w.session(u, req.session).length(), s.admission().maxRuntime().toSeconds());
            at(clock.seconds + length, Kind.END, u, id);
        }

        void stop(int id, boolean preempted) {
            RunningRuntime runtime = scheduler.release("q" + id).orElse(null);
            if (runtime == null) {
                return; // already stopped by the other of its end and its preemption
            }
            Req req = requests.get(id);
            req.ended = clock.seconds;
            int u = req.user;
            double hours = (clock.seconds - req.started) / 3600.0;
            running[u]--;
            runningAccel[u]--;
            double rate = w.type[u].computeUnitsPerHour().doubleValue();
            burn[u] = Math.max(0, burn[u] - rate);
            if (w.tier[u].paysInUnits()) {
                units[u] -= rate * hours;
            } else {
                usedHours[u] += hours;
            }
            Session session = w.session(u, req.session);
            if (session.returns() && !preempted) {
                at(clock.seconds + session.gap(), Kind.ARRIVE, u, req.session + 1);
            }
            dispatch();
        }

        /** Utilisation: busy slots over all slots, for each type, while anyone waits for it (and overall). */
        void account(long now) {
            long dt = now - lastAt;
            if (dt > 0) {
                for (int i = 0; i < Workload.TYPES.length; i++) {
                    String type = Workload.TYPES[i];
                    long total = pool.total(type);
                    long busy = total - pool.free(type);
                    result.busyAll[i] += busy * dt;
                    result.slotAll[i] += total * dt;
                    if (scheduler.waiting(type) > 0) {
                        result.busyExcess[i] += busy * dt;
                        result.slotExcess[i] += total * dt;
                        result.excessSeconds[i] += dt;
                    }
                }
            }
            lastAt = now;
        }

        int tierIndex(int user) {
            return Report.TIERS.indexOf(w.student[user] ? "class" : w.tier[user].name());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Results.

    static final class LongList {
        long[] values = new long[1 << 16];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    static final class Result {
        final LongList submitNanos = new LongList();
        final LongList dispatchNanos = new LongList();
        final Map<String, Integer> refused = new LinkedHashMap<>();
        final long[] busyAll = new long[4];
        final long[] slotAll = new long[4];
        final long[] busyExcess = new long[4];
        final long[] slotExcess = new long[4];
        final long[] excessSeconds = new long[4];
        final int[] abandoned = new int[Report.TIERS.size()];
        final List<LongList> waits = new ArrayList<>();
        final double[] jain = new double[Report.TIERS.size()];
        final double[] jainHours = new double[Report.TIERS.size()];
        final int[] startedByTier = new int[Report.TIERS.size()];
        final LongList estimateError = new LongList();
        final LongList estimateSigned = new LongList();
        int preemptions;
        int requests;

        void finish(Simulation s) {
            requests = s.requests.size();
            for (int i = 0; i < Report.TIERS.size(); i++) {
                waits.add(new LongList());
            }
            Map<Integer, double[]> perUser = new HashMap<>(); // user -> {sum of waits, count}
            for (Req req : s.requests) {
                if (req.started < 0) {
                    continue;
                }
                int tier = s.tierIndex(req.user);
                long wait = req.started - req.submitted;
                waits.get(tier).add(wait);
                startedByTier[tier]++;
                double[] acc = perUser.computeIfAbsent(req.user, u -> new double[3]);
                acc[0] += wait;
                acc[1]++;
                acc[2] += (req.ended < 0 ? DAY_S : req.ended) - req.started;
                if (req.queued) {
                    estimateError.add(Math.abs(req.estimate - req.started));
                    estimateSigned.add(req.estimate - req.started);
                }
            }
            double[] sum = new double[Report.TIERS.size()];
            double[] sumSq = new double[Report.TIERS.size()];
            double[] hours = new double[Report.TIERS.size()];
            double[] hoursSq = new double[Report.TIERS.size()];
            int[] n = new int[Report.TIERS.size()];
            perUser.forEach((user, acc) -> {
                int tier = s.tierIndex(user);
                double mean = acc[0] / acc[1];
                sum[tier] += mean;
                sumSq[tier] += mean * mean;
                hours[tier] += acc[2];
                hoursSq[tier] += acc[2] * acc[2];
                n[tier]++;
            });
            for (int i = 0; i < jain.length; i++) {
                jain[i] = sumSq[i] == 0 ? 1 : sum[i] * sum[i] / (n[i] * sumSq[i]);
                jainHours[i] = hoursSq[i] == 0 ? 1 : hours[i] * hours[i] / (n[i] * hoursSq[i]);
            }
        }
    }

    static final class Report {
        static final List<String> TIERS = List.of(Tiers.FREE, "class", Tiers.PRO, Tiers.PRO_PLUS);

        static void print(Map<String, Result> results) {
            List<String> names = new ArrayList<>(results.keySet());
            List<Result> rs = new ArrayList<>(results.values());
            System.out.printf(Locale.ROOT, "%-44s", "");
            for (String name : names) {
                System.out.printf(Locale.ROOT, " | %-30s", name.length() > 30 ? name.substring(0, 30) : name);
            }
            System.out.println();
            row("requests (submits)", rs, r -> String.format(Locale.ROOT, "%,d", r.requests));
            row("refused", rs, r -> r.refused.toString());
            row("preemptions", rs, r -> String.valueOf(r.preemptions));
            row("submit latency p50 / p99 / max (us)", rs, r -> latency(r.submitNanos));
            row("dispatch latency p50 / p99 / max (us)", rs, r -> latency(r.dispatchNanos));
            row("decisions (submits + dispatch calls)", rs, r -> String.format(Locale.ROOT, "%,d + %,d",
                    r.submitNanos.size, r.dispatchNanos.size));
            for (int i = 0; i < Workload.TYPES.length; i++) {
                final int t = i;
                row("excess-demand hours, " + Workload.TYPES[i], rs, r -> String.format(Locale.ROOT, "%.1f h",
                        r.excessSeconds[t] / 3600.0));
            }
            row("utilisation under excess demand (all types)", rs, r -> pct(sum(r.busyExcess), sum(r.slotExcess)));
            for (int i = 0; i < Workload.TYPES.length; i++) {
                final int t = i;
                row("  " + Workload.TYPES[i], rs, r -> pct(r.busyExcess[t], r.slotExcess[t]));
            }
            row("utilisation over the day (all types)", rs, r -> pct(sum(r.busyAll), sum(r.slotAll)));
            for (int i = 0; i < TIERS.size(); i++) {
                final int t = i;
                row("wait p50 / p95 (min), " + TIERS.get(i), rs, r -> {
                    long[] w = r.waits.get(t).sorted();
                    return w.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f / %.1f (n=%,d)", q(w, 0.5) / 60.0,
                            q(w, 0.95) / 60.0, w.length);
                });
            }
            for (int i = 0; i < TIERS.size(); i++) {
                final int t = i;
                row("Jain index of users' mean waits, " + TIERS.get(i), rs, r -> String.format(Locale.ROOT, "%.3f",
                        r.jain[t]));
            }
            for (int i = 0; i < TIERS.size(); i++) {
                final int t = i;
                row("Jain index of users' GPU hours, " + TIERS.get(i), rs, r -> String.format(Locale.ROOT, "%.3f",
                        r.jainHours[t]));
            }
            for (int i = 0; i < TIERS.size(); i++) {
                final int t = i;
                row("gave up waiting, " + TIERS.get(i), rs, r -> String.format(Locale.ROOT, "%,d", r.abandoned[t]));
            }
            row("class wait max (min)", rs, r -> {
                long[] w = r.waits.get(1).sorted();
                return w.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f", w[w.length - 1] / 60.0);
            });
            row("start estimate |error| p50 / p90 (min)", rs, r -> {
                long[] e = r.estimateError.sorted();
                return e.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f / %.1f (n=%,d)", q(e, 0.5) / 60.0,
                        q(e, 0.9) / 60.0, e.length);
            });
            row("start estimate - actual, p10 / p50 / p90 (min)", rs, r -> {
                long[] e = r.estimateSigned.sorted();
                return e.length == 0 ? "-" : String.format(Locale.ROOT, "%+.1f / %+.1f / %+.1f", q(e, 0.1) / 60.0,
                        q(e, 0.5) / 60.0, q(e, 0.9) / 60.0);
            });
            Result jotter = rs.get(0);
            long[] all = merged(jotter.submitNanos, jotter.dispatchNanos);
            double p99 = q(all, 0.99) / 1000.0;
            double util = 100.0 * sum(jotter.busyExcess) / Math.max(1, sum(jotter.slotExcess));
            System.out.printf(Locale.ROOT, "%nGoals (Jotter's policy): decision p99 %.0f us (goal <= 5000 us): %s;"
                    + " utilisation under excess demand %.1f%% (goal >= 95%%): %s%n", p99, p99 <= 5000 ? "met" : "MISSED",
                    util, util >= 95 ? "met" : "MISSED");
        }

        interface Cell {
            String of(Result r);
        }

        static void row(String label, List<Result> rs, Cell cell) {
            System.out.printf(Locale.ROOT, "%-44s", label);
            for (Result r : rs) {
                System.out.printf(Locale.ROOT, " | %-30s", cell.of(r));
            }
            System.out.println();
        }

        static String latency(LongList nanos) {
            long[] s = nanos.sorted();
            return s.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f / %.1f / %.0f", q(s, 0.5) / 1000.0,
                    q(s, 0.99) / 1000.0, s[s.length - 1] / 1000.0);
        }

        static long[] merged(LongList a, LongList b) {
            LongList all = new LongList();
            for (int i = 0; i < a.size; i++) {
                all.add(a.values[i]);
            }
            for (int i = 0; i < b.size; i++) {
                all.add(b.values[i]);
            }
            return all.sorted();
        }

        static double q(long[] sorted, double quantile) {
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
        }

        static long sum(long[] values) {
            return Arrays.stream(values).sum();
        }

        static String pct(long part, long whole) {
            return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
        }
    }
}
