package io.jotter.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.kernel.display.MimeBundle;
import io.jotter.kernel.display.OutputDiversion;
import io.jotter.kernel.display.Renderers;
import io.jotter.kernel.protocol.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A place in the page for output: what code prints or displays inside {@link #capture} shows here instead of below the
 * cell, and stays after a reload, since it is the widget's own state ({@code outputs}, as ipywidgets'
 * {@code append_stdout} keeps it).
 */
public final class Output extends Widget implements OutputDiversion.Target {
    private boolean clearOnNext;

    public Output() {
        super("OutputModel");
    }

    /**
     * Runs {@code body} with its output (text, displays, its exception) shown here. An exception is shown, not thrown,
     * as ipywidgets' {@code with out:} does.
     */
    public void capture(Runnable body) {
        try (OutputDiversion ignored = OutputDiversion.to(this)) {
            body.run();
        } catch (RuntimeException e) {
            appendError(e);
        }
    }

    /** Empties it. */
    public synchronized void clear() {
        clearOnNext = false;
        set("outputs", Json.MAPPER.createArrayNode());
    }

    /** Shows {@code value} here, as {@code display(value)} shows it below a cell. */
    public void append(Object value) {
        display(Renderers.render(value), null);
    }

    /** The outputs shown now, as nbformat outputs. */
    public List<JsonNode> outputs() {
        List<JsonNode> outputs = new ArrayList<>();
        get("outputs").forEach(outputs::add);
        return List.copyOf(outputs);
    }

    @Override
    public synchronized void write(String name, String text) {
        ArrayNode outputs = current();
        JsonNode last = outputs.isEmpty() ? null : outputs.get(outputs.size() - 1);
        if (last != null && "stream".equals(last.path("output_type").asText()) && name.equals(last.path("name").asText())) {
            ((ObjectNode) last).put("text", last.path("text").asText() + text);
        } else {
            outputs.addObject().put("output_type", "stream").put("name", name).put("text", text);
        }
        set("outputs", outputs);
    }

    @Override
    public synchronized void display(MimeBundle bundle, String displayIdOrNull) {
        ArrayNode outputs = current();
        ObjectNode output = outputs.addObject().put("output_type", "display_data");
        output.set("data", bundle.data().deepCopy());
        output.set("metadata", bundle.metadata().deepCopy());
        set("outputs", outputs);
    }

    /** An update of a display shown here replaces nothing: it is shown as a new output. */
    @Override
    public void update(MimeBundle bundle, String displayId) {
        display(bundle, displayId);
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        if (wait) {
            clearOnNext = true;
        } else {
            clear();
        }
    }

    private void appendError(RuntimeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        synchronized (this) {
            ArrayNode outputs = current();
            ObjectNode error = outputs.addObject().put("output_type", "error")
                    .put("ename", e.getClass().getName()).put("evalue", String.valueOf(e.getMessage()));
            ArrayNode traceback = error.putArray("traceback");
            trace.toString().lines().forEach(traceback::add);
            set("outputs", outputs);
        }
    }

    /** The outputs to add to; empty when a clear waits for new output. */
    private ArrayNode current() {
        if (clearOnNext) {
            clearOnNext = false;
            return Json.MAPPER.createArrayNode();
        }
        return (ArrayNode) get("outputs");
    }
}
