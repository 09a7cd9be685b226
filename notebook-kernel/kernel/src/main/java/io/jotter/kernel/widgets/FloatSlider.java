package io.jotter.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;

/** A slider over decimal numbers: {@code new FloatSlider().min(0.0).max(1.0).step(0.05).value(0.5)}. */
public final class FloatSlider extends Bounded<Double, FloatSlider> {
    public FloatSlider() {
        super("FloatSliderModel");
    }

    public FloatSlider step(double step) {
        set("step", step);
        return this;
    }

    @Override
    Double number(JsonNode json) {
        return json.asDouble();
    }

    @Override
    FloatSlider self() {
        return this;
    }
}
