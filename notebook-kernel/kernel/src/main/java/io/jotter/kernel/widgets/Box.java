package io.jotter.kernel.widgets;

import java.util.List;

/** Widgets laid out side by side ({@link HBox}) or one above the other ({@link VBox}). */
public abstract class Box extends Widget {
    Box(String modelName, Widget... children) {
        super(modelName);
        children(children);
    }

    public Box children(Widget... children) {
        set("children", List.of(children));
        return this;
    }
}
