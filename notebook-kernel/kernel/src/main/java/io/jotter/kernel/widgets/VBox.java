package io.jotter.kernel.widgets;

/** Widgets one above the other: {@code new VBox(slider, output)}. */
public final class VBox extends Box {
    public VBox(Widget... children) {
        super("VBoxModel", children);
    }
}
