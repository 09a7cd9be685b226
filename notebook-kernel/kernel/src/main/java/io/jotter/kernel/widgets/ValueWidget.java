package io.jotter.kernel.widgets;

import java.util.function.Consumer;

/** A widget with a value the user changes (a slider's number, a text's string), typed for Java code. */
public abstract class ValueWidget<T> extends Widget {
    ValueWidget(String modelName) {
        super(modelName);
    }

    /** The value now. */
    public abstract T value();

    /** Sets the value, here and in every front end. */
    public abstract ValueWidget<T> value(T value);

    /** The attribute that holds the value in the model: {@code value}, or {@code index} for a choice. */
    String valueAttribute() {
        return "value";
    }

    /** Runs {@code observer} with the new value each time it changes: the user moved it, or code set it. */
    public void observe(Consumer<T> observer) {
        observe(valueAttribute(), changed -> observer.accept(value()));
    }
}
