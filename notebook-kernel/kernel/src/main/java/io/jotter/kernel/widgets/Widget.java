package io.jotter.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.kernel.comm.Comm;
import io.jotter.kernel.display.Displayable;
import io.jotter.kernel.display.MimeBundle;
import io.jotter.kernel.protocol.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A Jupyter widget: a model whose state lives in the kernel and in every front end showing it, kept in step over a
 * comm (the Jupyter widgets protocol, version 2.1). Show it as a cell's value or with {@code display(widget)}.
 *
 * <p>{@link #set} changes an attribute here and in the front ends; a change made in a front end (a slider moved)
 * arrives as an update, which runs the attribute's observers as a cell runs: in order with cells, stopped by an
 * interrupt. Attributes and their types are those of ipywidgets 8 (see {@link WidgetSpec}); a value of the wrong type
 * is refused with an {@link IllegalArgumentException} here, and ignored when a front end sends it.
 */
public abstract class Widget implements Displayable {
    static final String REFERENCE_PREFIX = "IPY_MODEL_";
    static final String VIEW_MIME = "application/vnd.jupyter.widget-view+json";
    private static final String TARGET = "jupyter.widget";
    private static final String PROTOCOL_VERSION = "2.1.0";

    private final WidgetSpec.Model model;
    private final ObjectNode state;
    private final Comm comm;
    private final Map<String, List<Consumer<JsonNode>>> observers = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> customHandlers = new CopyOnWriteArrayList<>();
    /** Its layout and style, by reference. */
    private final Map<String, Widget> parts = new ConcurrentHashMap<>();

    /** A widget of the spec's model {@code modelName} ({@code IntSliderModel}), opened in the front ends at once. */
    protected Widget(String modelName) {
        this.model = WidgetSpec.get().model(modelName);
        this.state = model.defaults(part -> {
            Widget made = new Part(part + "Model");
            parts.put(made.reference(), made);
            return made;
        });
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.set("state", state.deepCopy());
        data.putArray("buffer_paths");
        ObjectNode metadata = Json.MAPPER.createObjectNode().put("version", PROTOCOL_VERSION);
        this.comm = Comm.open(TARGET, data, metadata);
        comm.onMessage(this::received);
    }

    /** The model's id in the front ends ({@code model_id}). */
    public String id() {
        return comm.id();
    }

    /** How other widgets' state names this one ({@code "IPY_MODEL_<id>"}). */
    String reference() {
        return REFERENCE_PREFIX + id();
    }

    /** The value of attribute {@code name} (a copy). */
    public synchronized JsonNode get(String name) {
        JsonNode value = state.get(attribute(name).name());
        return value == null ? null : value.deepCopy();
    }

    /**
     * Sets attribute {@code name}, here and in every front end: a number, string, boolean, list or widget, or JSON.
     * Observers of the attribute run when its value changed.
     */
    public Widget set(String name, Object value) {
        JsonNode json = toJson(value);
        if (!attribute(name).accepts(json)) {
            throw new IllegalArgumentException(model.name() + "." + name + " takes a " + attribute(name).type()
                    + (attribute(name).choices() == null ? "" : " of " + attribute(name).choices()) + ", not " + json);
        }
        changed(name, validate(name, json), true);
        return this;
    }

    /** Runs {@code observer} with the new value each time attribute {@code name} changes, here or in a front end. */
    public void observe(String name, Consumer<JsonNode> observer) {
        observers.computeIfAbsent(attribute(name).name(), key -> new CopyOnWriteArrayList<>()).add(observer);
    }

    /** The widget's layout ({@code LayoutModel}): {@code w.layout().set("width", "300px")}. */
    public Widget layout() {
        return part("layout");
    }

    /** The widget's style model, where it has one: {@code w.style().set("description_width", "initial")}. */
    public Widget style() {
        return part("style");
    }

    /** Closes it, with its layout and style, in the front ends: its views go, and it no longer reacts. */
    public void close() {
        comm.close();
        parts.values().forEach(Widget::close);
    }

    @Override
    public MimeBundle toMimeBundle() {
        ObjectNode view = Json.MAPPER.createObjectNode().put("version_major", 2).put("version_minor", 0)
                .put("model_id", id());
        MimeBundle bundle = MimeBundle.text(toString());
        ObjectNode data = bundle.data();
        data.set(VIEW_MIME, view);
        return bundle;
    }

    @Override
    public String toString() {
        String name = model.name().replaceFirst("Model$", "");
        String shown = model.attributes().containsKey("value") ? "value" : "description";
        return model.attributes().containsKey(shown) ? name + "(" + shown + "=" + get(shown) + ")" : name;
    }

    /** A value the front end or {@link #set} gives, adjusted to hold (a slider's value kept in its bounds). */
    JsonNode validate(String name, JsonNode value) {
        return value;
    }

    /** Runs {@code handler} with the content of each custom message from a front end (a button's click). */
    void onCustom(Consumer<JsonNode> handler) {
        customHandlers.add(handler);
    }

    private Widget part(String name) {
        JsonNode reference = get(name);
        Widget part = reference == null ? null : parts.get(reference.asText());
        if (part == null) {
            throw new IllegalArgumentException(model.name() + " has no " + name);
        }
        return part;
    }

    private WidgetSpec.Attribute attribute(String name) {
        WidgetSpec.Attribute attribute = model.attributes().get(name);
        if (attribute == null) {
            throw new IllegalArgumentException(model.name() + " has no attribute " + name + "; it has "
                    + String.join(", ", model.attributes().keySet()));
        }
        return attribute;
    }

    /** Applies a value; {@code tellFrontEnds} false for a value a front end sent (it is echoed instead). */
    private void changed(String name, JsonNode value, boolean tellFrontEnds) {
        synchronized (this) {
            if (value.equals(state.get(name))) {
                return;
            }
            state.set(name, value);
        }
        if (tellFrontEnds) {
            ObjectNode changes = Json.MAPPER.createObjectNode();
            changes.set(name, value.deepCopy());
            sendState("update", changes);
        }
        for (Consumer<JsonNode> observer : observers.getOrDefault(name, List.of())) {
            observer.accept(value.deepCopy());
        }
    }

    /** A message from a front end, on the kernel's request thread. */
    private void received(ObjectNode data) {
        switch (data.path("method").asText()) {
            case "update" -> receivedUpdate(data.path("state"));
            case "request_state" -> {
                ObjectNode all;
                synchronized (this) {
                    all = state.deepCopy();
                }
                sendState("update", all);
            }
            case "custom" -> customHandlers.forEach(handler -> handler.accept(data.path("content")));
            default -> { }
        }
    }

    private void receivedUpdate(JsonNode update) {
        List<String> accepted = new ArrayList<>();
        ObjectNode echoed = Json.MAPPER.createObjectNode();
        for (Iterator<String> names = update.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            WidgetSpec.Attribute attribute = model.attributes().get(name);
            JsonNode value = update.get(name);
            if (attribute == null || name.startsWith("_model") || name.startsWith("_view") || !attribute.accepts(value)) {
                continue;
            }
            accepted.add(name);
            echoed.set(name, value);
        }
        if (accepted.isEmpty()) {
            return;
        }
        // Every other front end, and other views in this one, learn of the change (protocol 2.1's echo).
        sendState("echo_update", echoed.deepCopy());
        for (String name : accepted) {
            JsonNode value = echoed.get(name);
            JsonNode valid = validate(name, value);
            changed(name, valid, !valid.equals(value));
        }
    }

    /** Sends {@code changes}, which the caller hands over: nothing else may hold or change them. */
    private void sendState(String method, ObjectNode changes) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("method", method);
        data.set("state", changes);
        data.putArray("buffer_paths");
        comm.send(data);
    }

    static JsonNode toJson(Object value) {
        if (value instanceof JsonNode json) {
            return json;
        }
        if (value instanceof Widget widget) {
            return Json.MAPPER.getNodeFactory().textNode(widget.reference());
        }
        if (value instanceof Iterable<?> items) {
            var array = Json.MAPPER.createArrayNode();
            items.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof Object[] items) {
            return toJson(List.of(items));
        }
        if (value == null) {
            return Json.MAPPER.getNodeFactory().nullNode();
        }
        return Json.MAPPER.valueToTree(value);
    }

    static List<String> toStrings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> strings.add(item.asText()));
        }
        return strings;
    }

    /** A layout or style: part of a widget, shown only through it. */
    static final class Part extends Widget {
        Part(String modelName) {
            super(modelName);
        }
    }
}
