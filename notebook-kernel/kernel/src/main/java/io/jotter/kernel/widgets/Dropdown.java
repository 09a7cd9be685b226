package io.jotter.kernel.widgets;

import java.util.List;

/** A dropdown list: {@code new Dropdown("cnn", "mlp", "linear").description("model")}. */
public final class Dropdown extends Choice<Dropdown> {
    public Dropdown(String... options) {
        super("DropdownModel", List.of(options));
    }

    @Override
    Dropdown self() {
        return this;
    }
}
