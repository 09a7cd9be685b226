package io.jotter.kernel.widgets;

/** Widgets side by side: {@code new HBox(slider, button)}. */
public final class HBox extends Box {
    public HBox(Widget... children) {
        super("HBoxModel", children);
    }
}
