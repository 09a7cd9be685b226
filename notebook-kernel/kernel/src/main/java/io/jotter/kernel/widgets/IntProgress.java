package io.jotter.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;

/** A progress bar counting whole steps: {@code var bar = new IntProgress().max(epochs); ... bar.value(epoch);}. */
public final class IntProgress extends Bounded<Integer, IntProgress> {
    public IntProgress() {
        super("IntProgressModel");
    }

    @Override
    Integer number(JsonNode json) {
        return json.asInt();
    }

    @Override
    IntProgress self() {
        return this;
    }
}
