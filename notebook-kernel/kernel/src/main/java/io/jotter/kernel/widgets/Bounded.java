package io.jotter.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;

/** A number between a minimum and a maximum: sliders and progress bars, whose value is kept within its bounds. */
public abstract class Bounded<T extends Number, W extends Bounded<T, W>> extends ValueWidget<T> {
    Bounded(String modelName) {
        super(modelName);
    }

    abstract T number(JsonNode json);

    abstract W self();

    @Override
    public T value() {
        return number(get("value"));
    }

    @Override
    public W value(T value) {
        set("value", value);
        return self();
    }

    public W min(T min) {
        set("min", min);
        set("value", value());
        return self();
    }

    public W max(T max) {
        set("max", max);
        set("value", value());
        return self();
    }

    public W description(String description) {
        set("description", description);
        return self();
    }

    @Override
    JsonNode validate(String name, JsonNode value) {
        if (!"value".equals(name)) {
            return value;
        }
        JsonNode min = get("min");
        JsonNode max = get("max");
        if (value.doubleValue() < min.doubleValue()) {
            return min;
        }
        return value.doubleValue() > max.doubleValue() ? max : value;
    }
}
