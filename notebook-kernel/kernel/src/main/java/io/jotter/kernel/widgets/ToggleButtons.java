package io.jotter.kernel.widgets;

import java.util.List;

/** A row of buttons of which one is pressed: {@code new ToggleButtons("slow", "fast")}. */
public final class ToggleButtons extends Choice<ToggleButtons> {
    public ToggleButtons(String... options) {
        super("ToggleButtonsModel", List.of(options));
    }

    @Override
    ToggleButtons self() {
        return this;
    }
}
