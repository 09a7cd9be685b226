package io.jotter.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The notebook a job runs and fills in, nbformat 4: the frozen source with its parameters injected and its old
 * outputs cleared; then, cell by cell, the new outputs, {@code execution_count}, nbclient's timings
 * ({@code metadata.execution}) and Jotter's ({@code metadata.jotter.status}, {@code duration_ms}). The job itself
 * is described in {@code metadata.jotter.job}. Not thread-safe: one job's runner owns it.
 *
 * @see <a href="https://nbclient.readthedocs.io/en/latest/reference/nbclient.html">nbclient's record_timing</a>
 */
final class ExecutedNotebook {
    static final String PARAMETERS_TAG = "parameters";
    static final String INJECTED_TAG = "injected-parameters";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode notebook;

    ExecutedNotebook(ObjectNode notebook) {
        this.notebook = notebook;
    }

    /**
     * The notebook a job will run: a copy of {@code source} with outputs cleared and, when {@code parameters} are
     * given, those that name a form field ({@link FormParameters}) set in its line, and the others declared in a
     * cell tagged {@code injected-parameters} right after the one tagged {@code parameters} (at the top when none
     * is).
     */
    static ExecutedNotebook prepare(JsonNode source, JsonNode parameters) {
        ObjectNode notebook = source.deepCopy();
        ArrayNode cells = notebook.withArray("cells");
        for (JsonNode cell : cells) {
            if ("code".equals(cell.path("cell_type").asText())) {
                ObjectNode code = (ObjectNode) cell;
                code.set("outputs", NODES.arrayNode());
                code.putNull("execution_count");
                ObjectNode metadata = code.withObjectProperty("metadata");
                metadata.remove("execution");
                metadata.remove("jotter");
            }
        }
        if (parameters != null && parameters.size() > 0) {
            // A parameter named like a form field (`//@param`) sets its literal; the rest are injected.
            inject(notebook, cells, FormParameters.apply(cells, parameters));
        }
        notebook.withObjectProperty("metadata").withObjectProperty("jotter").remove("job");
        return new ExecutedNotebook(notebook);
    }

    private static void inject(ObjectNode notebook, ArrayNode cells, JsonNode parameters) {
        int tagged = -1;
        for (int i = 0; i < cells.size(); i++) {
            if (tags(cells.get(i)).contains(PARAMETERS_TAG)) {
                tagged = i;
                break;
            }
        }
        // A job run from an executed notebook replaces the values injected before rather than adding to them.
        for (int i = cells.size() - 1; i >= 0; i--) {
            if (tags(cells.get(i)).contains(INJECTED_TAG)) {
                cells.remove(i);
                if (i < tagged) {
                    tagged--;
                }
            }
        }
        if (parameters.isEmpty()) {
            return;
        }
        String parametersCell = tagged < 0 ? null : source(cells.get(tagged));
        ObjectNode injected = NODES.objectNode().put("cell_type", "code");
        if (notebook.path("nbformat_minor").asInt() >= 5) {
            injected.put("id", "injected-" + UUID.randomUUID().toString().substring(0, 8));
        }
        injected.set("metadata", NODES.objectNode().set("tags", NODES.arrayNode().add(INJECTED_TAG)));
        injected.put("source", JavaParameters.declarations(parameters, parametersCell));
        injected.set("outputs", NODES.arrayNode());
        injected.putNull("execution_count");
        cells.insert(tagged + 1, injected);
    }

    private static List<String> tags(JsonNode cell) {
        List<String> tags = new ArrayList<>();
        cell.path("metadata").path("tags").forEach(tag -> tags.add(tag.asText()));
        return tags;
    }

    /** A cell's source: nbformat allows a string or a list of lines. */
    static String source(JsonNode cell) {
        JsonNode source = cell.path("source");
        if (source.isArray()) {
            StringBuilder joined = new StringBuilder();
            source.forEach(line -> joined.append(line.asText()));
            return joined.toString();
        }
        return source.asText("");
    }

    ObjectNode json() {
        return notebook;
    }

    int cellCount() {
        return notebook.path("cells").size();
    }

    /** The indexes of the cells a job runs: code cells with something in them. */
    List<Integer> runnableCells() {
        List<Integer> runnable = new ArrayList<>();
        JsonNode cells = notebook.path("cells");
        for (int i = 0; i < cells.size(); i++) {
            if ("code".equals(cells.get(i).path("cell_type").asText()) && !source(cells.get(i)).isBlank()) {
                runnable.add(i);
            }
        }
        return runnable;
    }

    String code(int index) {
        return source(notebook.path("cells").get(index));
    }

    ObjectNode cell(int index) {
        return (ObjectNode) notebook.path("cells").get(index);
    }

    /** A cell's state for a reader of the notebook: pending, running, completed, failed or skipped. */
    void status(int index, String status) {
        cell(index).withObjectProperty("metadata").withObjectProperty("jotter").put("status", status);
    }

    void outputs(int index, ArrayNode outputs, Integer executionCount) {
        ObjectNode cell = cell(index);
        cell.set("outputs", outputs);
        if (executionCount == null) {
            cell.putNull("execution_count");
        } else {
            cell.put("execution_count", executionCount);
        }
    }

    /** nbclient's timings (ISO 8601, as it writes them) and the cell's run time in milliseconds. */
    void timings(int index, Map<String, Instant> timings, long durationMs) {
        ObjectNode metadata = cell(index).withObjectProperty("metadata");
        ObjectNode execution = metadata.withObjectProperty("execution");
        timings.forEach((key, at) -> execution.put(key, at.toString()));
        metadata.withObjectProperty("jotter").put("duration_ms", durationMs);
    }

    /** Every runnable cell waits its turn; so a reader sees at once what will run. */
    void allPending() {
        runnableCells().forEach(i -> status(i, "pending"));
    }

    void describe(ObjectNode job) {
        notebook.withObjectProperty("metadata").withObjectProperty("jotter").set("job", job);
    }

    ObjectNode description() {
        return (ObjectNode) notebook.path("metadata").path("jotter").path("job");
    }
}
