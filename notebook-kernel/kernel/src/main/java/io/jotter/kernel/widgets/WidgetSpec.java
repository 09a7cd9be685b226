package io.jotter.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jotter.kernel.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The Jupyter widgets' model spec (ipywidgets 8, protocol 2): every model's module, view and attributes with their
 * types and defaults, read from {@code jupyterwidgetmodels.json}, the file {@code @jupyter-widgets/schema} 0.5.6
 * publishes (BSD-3-Clause, see {@code jupyterwidgetmodels.LICENSE}). A widget's first state is the spec's defaults,
 * so a front end (Jotter's, JupyterLab's) gets exactly the keys it expects.
 */
final class WidgetSpec {
    static final String NEW_INSTANCE = "reference to new instance";
    private static final WidgetSpec SPEC = load();

    private final Map<String, Model> models;

    private WidgetSpec(Map<String, Model> models) {
        this.models = models;
    }

    static WidgetSpec get() {
        return SPEC;
    }

    Model model(String name) {
        Model model = models.get(name);
        if (model == null) {
            throw new IllegalArgumentException("no widget model " + name + " in the widget spec");
        }
        return model;
    }

    /** One model: where its front-end code lives, and its attributes by name. */
    record Model(String name, String module, String version, String viewName, String viewModule, String viewVersion,
                 Map<String, Attribute> attributes) {
        /**
         * The state a new widget starts with: every attribute's default; a reference to a new instance (a layout,
         * a style) is made by {@code newPart}, given the referenced widget's name ({@code Layout}, {@code SliderStyle}).
         */
        ObjectNode defaults(Function<String, Widget> newPart) {
            ObjectNode state = Json.MAPPER.createObjectNode();
            for (Attribute attribute : attributes.values()) {
                if (attribute.isNewInstance()) {
                    state.put(attribute.name(), newPart.apply(attribute.widget()).reference());
                } else {
                    state.set(attribute.name(), attribute.defaultValue().deepCopy());
                }
            }
            return state;
        }
    }

    /** An attribute: its JSON type(s) ({@code int}, {@code float}, {@code bool}, {@code string}, ...), default, choices. */
    record Attribute(String name, JsonNode type, JsonNode defaultValue, boolean allowNone, JsonNode choices,
                     String widget) {
        boolean isNewInstance() {
            return "reference".equals(type.asText()) && NEW_INSTANCE.equals(defaultValue.asText(null));
        }

        /** Whether {@code value} is of this attribute's type (and one of its choices, where it has some). */
        boolean accepts(JsonNode value) {
            if (value == null || value.isNull()) {
                return allowNone;
            }
            if (choices != null && choices.isArray()) {
                boolean listed = false;
                for (JsonNode choice : choices) {
                    listed |= choice.equals(value);
                }
                if (!listed) {
                    return false;
                }
            }
            if (type.isArray()) {
                for (JsonNode one : type) {
                    if (isOf(one.asText(), value)) {
                        return true;
                    }
                }
                return false;
            }
            return isOf(type.asText(), value);
        }

        private static boolean isOf(String type, JsonNode value) {
            return switch (type) {
                case "int" -> value.isIntegralNumber();
                case "float" -> value.isNumber();
                case "bool" -> value.isBoolean();
                case "string" -> value.isTextual();
                case "array" -> value.isArray();
                case "reference" -> value.isTextual() && value.asText().startsWith(Widget.REFERENCE_PREFIX);
                default -> true;
            };
        }
    }

    private static WidgetSpec load() {
        try (InputStream in = WidgetSpec.class.getResourceAsStream("jupyterwidgetmodels.json")) {
            if (in == null) {
                throw new IllegalStateException("jupyterwidgetmodels.json is missing from the kernel");
            }
            Map<String, Model> models = new HashMap<>();
            for (JsonNode entry : Json.MAPPER.readTree(in)) {
                Map<String, Attribute> attributes = new LinkedHashMap<>();
                for (JsonNode a : entry.get("attributes")) {
                    attributes.put(a.get("name").asText(), new Attribute(a.get("name").asText(), a.get("type"),
                            a.get("default"), a.path("allow_none").asBoolean(false), a.get("enum"),
                            a.path("widget").asText(null)));
                }
                JsonNode model = entry.get("model");
                JsonNode view = entry.get("view");
                models.put(model.get("name").asText(), new Model(model.get("name").asText(),
                        model.get("module").asText(), model.get("version").asText(), view.path("name").asText(null),
                        view.path("module").asText(null), view.path("version").asText(null), attributes));
            }
            return new WidgetSpec(models);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the widget spec", e);
        }
    }
}
