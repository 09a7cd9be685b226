package io.jotter.server.outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.Json;
import io.jotter.kernel.protocol.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One execution of one cell, as nbformat 4 will store it: its outputs (built from iopub messages as
 * JupyterLab builds them) and execution count. Bounded: past {@code maxBytes} of output, the rest is
 * not kept and a last line says so. A run can be rebuilt from the kernel's own record of what it sent (a replica
 * that adopts the kernel mid-run does that): messages are applied once each, by msg_id. Thread-safe.
 *
 * @see <a href="https://nbformat.readthedocs.io/en/latest/format_description.html#code-cells">nbformat code cells</a>
 */
public final class CellRun {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String kernelId;
    private final NotebookCell cell;
    private final long maxBytes;
    private final List<ObjectNode> outputs = new ArrayList<>();
    private final Map<String, List<ObjectNode>> displays = new HashMap<>();
    private Integer executionCount;
    private boolean clearOnNext;
    private long bytes;
    private boolean truncated;
    private boolean finished;
    private boolean dirty = true;
    /** A continuation ({@link #continuing}) leaves the stored execution count as it is. */
    private boolean keepsCount;
    /** A continuation's stored outputs, until its first output needs them. */
    private Supplier<ArrayNode> base;
    /** A continuation whose stored outputs could not be read: it writes nothing. */
    private boolean abandoned;
    /** The msg_ids applied, so a message seen both live and in a replay counts once. */
    private final Set<String> seen = new HashSet<>();
    /** Live messages kept aside while the run is rebuilt ({@link #hold}); {@code null} otherwise. */
    private List<Message<?>> held;

    public CellRun(String kernelId, NotebookCell cell, long maxBytes) {
        this.kernelId = kernelId;
        this.cell = cell;
        this.maxBytes = maxBytes;
    }

    /**
     * A run that goes on from outputs shown before it: output that a widget's handler prints after the cell ran (its
     * parent is the comm message) is added below the cell's outputs, which it keeps, with its execution count. The
     * stored outputs are read only once the handler shows something: most widget messages (a slider moved) show
     * nothing in the cell, and cost no read or write.
     */
    static CellRun continuing(String kernelId, NotebookCell cell, long maxBytes, Supplier<ArrayNode> storedOutputs) {
        CellRun run = new CellRun(kernelId, cell, maxBytes);
        run.keepsCount = true;
        run.base = storedOutputs;
        run.dirty = false;
        return run;
    }

    /** The kernel running it: its runs end with it. */
    String kernelId() {
        return kernelId;
    }

    NotebookCell cell() {
        return cell;
    }

    /** A message the kernel sent about this run; one already applied (same msg_id) is skipped. */
    public synchronized void apply(Message<?> message) {
        if (held != null) {
            held.add(message);
        } else {
            applyOnce(message);
        }
    }

    private void applyOnce(Message<?> message) {
        if (message.header() == null || seen.add(message.header().msgId())) {
            apply(message.content());
        }
    }

    /** Live messages wait until the run is rebuilt by {@link #rebuild} or {@link #resume}. */
    public synchronized void hold() {
        if (held == null) {
            held = new ArrayList<>();
        }
    }

    /** Starts over from the kernel's complete record of the run, then applies what arrived live meanwhile. */
    public synchronized void rebuild(List<Message<?>> replay) {
        clear();
        clearOnNext = false;
        executionCount = null;
        finished = false;
        seen.clear();
        replay.forEach(this::applyOnce);
        releaseHeld();
    }

    /**
     * Goes on from outputs stored earlier, when the kernel keeps no complete record of the run: what it sent while
     * no server listened is missing, and a line says so; then what was heard of the run since, oldest first.
     */
    public synchronized void resume(ArrayNode storedOutputs, String gapNote, List<Message<?>> heardSince) {
        clear();
        addAll(storedOutputs);
        add(NODES.objectNode().put("output_type", "stream").put("name", "stderr").put("text", gapNote));
        heardSince.forEach(this::applyOnce);
        releaseHeld();
    }

    /** Outputs stored earlier, to go on from. */
    private void addAll(ArrayNode storedOutputs) {
        storedOutputs.forEach(output -> {
            if (output instanceof ObjectNode object) {
                add(object.deepCopy());
            }
        });
    }

    private void releaseHeld() {
        List<Message<?>> waiting = held == null ? List.of() : held;
        held = null;
        waiting.forEach(this::applyOnce);
        dirty = true;
    }

    public synchronized void apply(Content content) {
        if (base != null) {
            if (content instanceof Content.Status status) {
                // Nothing shown: nothing to write.
                finished |= "idle".equals(status.executionState());
                return;
            }
            Supplier<ArrayNode> stored = base;
            base = null;
            ArrayNode outputs;
            try {
                outputs = stored.get();
            } catch (RuntimeException e) {
                // Without the cell's outputs, writing would replace them: this output is shown live, not saved.
                abandoned = true;
                return;
            }
            addAll(outputs);
        }
        if (abandoned) {
            finished |= content instanceof Content.Status status && "idle".equals(status.executionState());
            return;
        }
        if (content instanceof Content.ExecuteInput input) {
            executionCount = input.executionCount();
        } else if (content instanceof Content.ExecuteReply reply) {
            executionCount = reply.executionCount();
        } else if (content instanceof Content.Stream stream) {
            appendStream(stream);
        } else if (content instanceof Content.DisplayData display) {
            addDisplay(display);
        } else if (content instanceof Content.UpdateDisplayData update) {
            updateDisplay(update);
        } else if (content instanceof Content.ExecuteResult result) {
            add(output("execute_result", result.data(), result.metadata()).put("execution_count", result.executionCount()));
        } else if (content instanceof Content.Error error) {
            ObjectNode output = NODES.objectNode().put("output_type", "error").put("ename", error.ename())
                    .put("evalue", error.evalue());
            output.set("traceback", Json.MAPPER.valueToTree(error.traceback() == null ? List.of() : error.traceback()));
            add(output);
        } else if (content instanceof Content.ClearOutput clear) {
            if (clear.waitForNext()) {
                clearOnNext = true;
            } else {
                clear();
            }
        } else if (content instanceof Content.Status status) {
            finished |= "idle".equals(status.executionState());
        } else {
            return;
        }
        dirty = true;
    }

    private void addDisplay(Content.DisplayData display) {
        ObjectNode output = output("display_data", display.data(), display.metadata());
        String displayId = display.transientData() == null ? null : display.transientData().get("display_id");
        if (add(output) && displayId != null) {
            displays.computeIfAbsent(displayId, id -> new ArrayList<>()).add(output);
        }
    }

    private void appendStream(Content.Stream stream) {
        clearIfAsked();
        ObjectNode last = outputs.isEmpty() ? null : outputs.get(outputs.size() - 1);
        if (last != null && "stream".equals(last.path("output_type").asText())
                && stream.name().equals(last.path("name").asText()) && fits(stream.text().length())) {
            last.put("text", last.path("text").asText() + stream.text());
            bytes += stream.text().length();
            return;
        }
        add(NODES.objectNode().put("output_type", "stream").put("name", stream.name()).put("text", stream.text()));
    }

    private void updateDisplay(Content.UpdateDisplayData update) {
        String id = update.transientData() == null ? null : update.transientData().get("display_id");
        for (ObjectNode output : displays.getOrDefault(id, List.of())) {
            output.set("data", update.data() == null ? NODES.objectNode() : update.data());
            output.set("metadata", update.metadata() == null ? NODES.objectNode() : update.metadata());
        }
    }

    private static ObjectNode output(String type, JsonNode data, JsonNode metadata) {
        ObjectNode output = NODES.objectNode().put("output_type", type);
        output.set("data", data == null ? NODES.objectNode() : data);
        output.set("metadata", metadata == null ? NODES.objectNode() : metadata);
        return output;
    }

    private boolean add(ObjectNode output) {
        clearIfAsked();
        int size = output.toString().length();
        if (!fits(size)) {
            if (!truncated) {
                truncated = true;
                outputs.add(NODES.objectNode().put("output_type", "stream").put("name", "stderr")
                        .put("text", "\n[Jotter: this cell's output passed " + maxBytes / (1024 * 1024)
                                + " MiB; the rest was shown live but not saved]\n"));
            }
            return false;
        }
        bytes += size;
        outputs.add(output);
        return true;
    }

    private boolean fits(int size) {
        return !truncated && bytes + size <= maxBytes;
    }

    private void clearIfAsked() {
        if (clearOnNext) {
            clearOnNext = false;
            clear();
        }
    }

    private void clear() {
        outputs.clear();
        displays.clear();
        bytes = 0;
        truncated = false;
    }

    /** Whether it ended and everything it has is written (or it had nothing to write). */
    synchronized boolean done() {
        return finished && !dirty;
    }

    /** What to store now, or {@code null} when nothing changed since the last call. */
    public synchronized Snapshot takeChanges() {
        if (!dirty) {
            return null;
        }
        dirty = false;
        ArrayNode list = NODES.arrayNode();
        outputs.forEach(o -> list.add(o.deepCopy()));
        return new Snapshot(cell, list, executionCount, finished, keepsCount);
    }

    /**
     * A cell's outputs and count as they are to be stored.
     *
     * @param keepsCount whether the stored execution count stays (a continuation's), rather than {@code executionCount}
     */
    public record Snapshot(NotebookCell cell, ArrayNode outputs, Integer executionCount, boolean finished,
                           boolean keepsCount) {
    }
}
