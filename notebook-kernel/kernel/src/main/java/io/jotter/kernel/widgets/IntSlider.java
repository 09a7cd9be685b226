package io.jotter.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;

/** A slider over whole numbers: {@code new IntSlider().min(0).max(10).value(3).description("n")}. */
public final class IntSlider extends Bounded<Integer, IntSlider> {
    public IntSlider() {
        super("IntSliderModel");
    }

    public IntSlider step(int step) {
        set("step", step);
        return this;
    }

    @Override
    Integer number(JsonNode json) {
        return json.asInt();
    }

    @Override
    IntSlider self() {
        return this;
    }
}
