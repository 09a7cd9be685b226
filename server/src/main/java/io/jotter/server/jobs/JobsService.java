package io.jotter.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.pool.catalog.RuntimeCatalog;
import io.jotter.quota.tiers.Tier;
import io.jotter.server.contents.ContentsPath;
import io.jotter.server.contents.ContentsService;
import io.jotter.server.identity.CurrentUser;
import io.jotter.server.kernelspecs.KernelSpecCatalog;
import io.jotter.server.runtimes.AccountTiers;
import io.jotter.server.runtimes.Runtimes;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Submitting, listing and cancelling the caller's jobs. A submission freezes the notebook as it is now (one job per
 * parameter set, each with its values injected), adds its executed notebook beside it, every cell pending, and
 * hands the jobs to the runner.
 */
@ApplicationScoped
public class JobsService {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int LIST_LIMIT = 200;

    /**
     * How to run a notebook (the body of {@code POST /api/jotter/jobs}, and of an assignment's run).
     *
     * @param parameters an object of name: value, or a list of them (a sweep: one job each)
     * @param timeLimitSeconds at most the tier's maximum lifetime; the server's default (1 h, within it) if absent
     * @param reservationId a reservation of the caller's (or their course's) to run under, as any runtime may
     */
    public record JobAsk(String path, String runtimeType, JsonNode parameters, Boolean continueOnError,
                         Long timeLimitSeconds, Long reservationId) {
    }

    /** The notebook a job is made from, and where its executed copy goes. */
    record Source(String label, JsonNode notebook, ContentsPath directory, String stem, Job.CourseRun course) {
    }

    private final ContentsService contents;
    private final JobStore store;
    private final JobNotebooks notebooks;
    private final JobRunner runner;
    private final AccountTiers tiers;
    private final Runtimes runtimes;
    private final RuntimeCatalog types;
    private final KernelSpecCatalog kernelSpecs;
    private final JobsConfig config;
    private final CurrentUser user;
    private final Clock clock;

    public JobsService(ContentsService contents, JobStore store, JobNotebooks notebooks, JobRunner runner,
                       AccountTiers tiers, Runtimes runtimes, RuntimeCatalog types, KernelSpecCatalog kernelSpecs,
                       JobsConfig config, CurrentUser user, Clock clock) {
        this.contents = contents;
        this.store = store;
        this.notebooks = notebooks;
        this.runner = runner;
        this.tiers = tiers;
        this.runtimes = runtimes;
        this.types = types;
        this.kernelSpecs = kernelSpecs;
        this.config = config;
        this.user = user;
        this.clock = clock;
    }

    /** Submits the caller's notebook at {@code ask.path()}: one job, or one per parameter set. */
    public List<Job> submit(JobAsk ask) {
        if (ask == null || ask.path() == null || ask.path().isBlank()) {
            throw new BadJobRequestException("path names the notebook to run, as in the contents API");
        }
        ContentsPath path = ContentsPath.parse(ask.path());
        JsonNode notebook = parse(contents.notebook(path).notebookJson());
        String name = path.name();
        String stem = name.endsWith(".ipynb") ? name.substring(0, name.length() - ".ipynb".length()) : name;
        return submit(ask, List.of(new Source(path.value(), notebook, path.parent(), stem, null)));
    }

    /** Submits each source with the same settings; everything is checked before anything is stored. */
    List<Job> submit(JobAsk ask, List<Source> sources) {
        String owner = user.name();
        String type = ask.runtimeType() == null || ask.runtimeType().isBlank() ? runtimes.defaultType()
                : types.get(ask.runtimeType()).name();
        Tier tier = tiers.tierOf(owner);
        if (!tier.runtimeTypes().contains(type)) {
            throw new BadJobRequestException("The " + tier.name() + " tier does not include " + type
                    + " runtimes; choose one of " + String.join(", ", tier.runtimeTypes()) + ".");
        }
        Duration limit = timeLimit(ask.timeLimitSeconds(), tier);
        List<JsonNode> sweep = sweep(ask.parameters());
        List<String> ids = new ArrayList<>();
        for (Source source : sources) {
            for (JsonNode parameters : sweep) {
                String id = add(owner, source, parameters, type, limit, Boolean.TRUE.equals(ask.continueOnError()));
                if (ask.reservationId() != null) {
                    store.runUnder(id, ask.reservationId());
                }
                ids.add(id);
            }
        }
        ids.forEach(runner::submit);
        return ids.stream().map(id -> store.find(id).orElseThrow()).toList();
    }

    private String add(String owner, Source source, JsonNode parameters, String type, Duration limit,
                       boolean continueOnError) {
        String id = UUID.randomUUID().toString();
        ExecutedNotebook notebook = ExecutedNotebook.prepare(source.notebook(), parameters);
        ContentsPath result = source.directory().child(source.stem() + ".job-" + id.substring(0, 8) + ".ipynb");
        store.add(new JobStore.NewJob(id, owner, source.label(), notebook.json().toString(),
                parameters == null ? null : parameters.toString(), type, kernelName(source.notebook()), result.value(),
                continueOnError, limit, notebook.runnableCells().size(), clock.instant().truncatedTo(ChronoUnit.MICROS),
                source.course()));
        notebook.allPending();
        notebook.describe(JobDescription.of(store.find(id).orElseThrow()));
        notebooks.create(owner, result.value(), notebook.json());
        return id;
    }

    /** One parameter set per job: none, one object, or a list of objects. */
    private List<JsonNode> sweep(JsonNode parameters) {
        List<JsonNode> sets = new ArrayList<>();
        if (parameters == null || parameters.isNull()) {
            sets.add(null);
        } else if (parameters.isArray()) {
            if (parameters.isEmpty() || parameters.size() > config.maxSweep()) {
                throw new BadJobRequestException("a sweep has 1 to " + config.maxSweep() + " parameter sets");
            }
            parameters.forEach(sets::add);
        } else {
            sets.add(parameters);
        }
        sets.stream().filter(set -> set != null).forEach(JavaParameters::check);
        return sets;
    }

    private Duration timeLimit(Long seconds, Tier tier) {
        Duration max = tier.maxLifetime();
        if (seconds != null) {
            if (seconds <= 0) {
                throw new BadJobRequestException("time_limit_seconds must be positive");
            }
            Duration asked = Duration.ofSeconds(seconds);
            if (!max.isZero() && asked.compareTo(max) > 0) {
                throw new BadJobRequestException("time_limit_seconds " + seconds + " is more than the "
                        + tier.name() + " tier's maximum runtime lifetime of " + max.toSeconds() + " s");
            }
            return asked;
        }
        Duration fallback = config.defaultTimeLimit();
        return !max.isZero() && fallback.compareTo(max) > 0 ? max : fallback;
    }

    /** The notebook's kernel when this server offers it; else the default (a notebook from elsewhere). */
    private String kernelName(JsonNode notebook) {
        String name = notebook.path("metadata").path("kernelspec").path("name").asText(null);
        return name != null && kernelSpecs.all().containsKey(name) ? name : null;
    }

    public List<Job> mine() {
        return store.of(user.name(), LIST_LIMIT);
    }

    public Job get(String id) {
        return store.find(id).filter(job -> job.owner().equals(user.name()))
                .orElseThrow(() -> new JobNotFoundException(id));
    }

    /** Cancels a job of the caller's that has not ended; its runtime is stopped before this returns. */
    public Job cancel(String id) {
        Job job = get(id);
        if (job.state().isFinal() || !runner.cancel(job, "cancelled by " + user.name())) {
            throw new JobFinishedException(id, get(id).state());
        }
        Job cancelled = get(id);
        notebooks.writeJob(cancelled.owner(), cancelled.resultPath(), JobDescription.of(cancelled));
        return cancelled;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a stored notebook is not JSON", e);
        }
    }

    static ObjectNode object(String json) {
        return (ObjectNode) parse(json);
    }
}
