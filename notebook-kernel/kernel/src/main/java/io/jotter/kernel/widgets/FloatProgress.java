package io.jotter.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;

/** A progress bar over a decimal range: {@code new FloatProgress().max(1.0).value(0.25)}. */
public final class FloatProgress extends Bounded<Double, FloatProgress> {
    public FloatProgress() {
        super("FloatProgressModel");
    }

    @Override
    Double number(JsonNode json) {
        return json.asDouble();
    }

    @Override
    FloatProgress self() {
        return this;
    }
}
