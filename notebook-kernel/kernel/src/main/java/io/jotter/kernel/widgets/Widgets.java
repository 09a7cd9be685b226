package io.jotter.kernel.widgets;

import io.jotter.kernel.display.Notebook;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Widgets' helpers, imported into every cell: {@code interact} binds a function to controls, {@code link} keeps two
 * values equal.
 */
public final class Widgets {
    private Widgets() {
    }

    /**
     * Shows {@code control} and, below it, what {@code function} gives for its value, run again on each change:
     * {@code interact(new IntSlider().max(10), n -> n * n);}. What the function prints shows there too.
     */
    public static <A> void interact(ValueWidget<A> control, Function<A, ?> function) {
        interactive(List.of(control), () -> function.apply(control.value()));
    }

    /** As {@link #interact(ValueWidget, Function)}, with two controls. */
    public static <A, B> void interact(ValueWidget<A> first, ValueWidget<B> second, BiFunction<A, B, ?> function) {
        interactive(List.of(first, second), () -> function.apply(first.value(), second.value()));
    }

    /** Keeps {@code b}'s value equal to {@code a}'s, and {@code a}'s to {@code b}'s; {@code b} takes {@code a}'s now. */
    public static <T> void link(ValueWidget<T> a, ValueWidget<T> b) {
        b.value(a.value());
        a.observe(value -> b.value(value));
        b.observe(value -> a.value(value));
    }

    private static void interactive(List<ValueWidget<?>> controls, Supplier<Object> function) {
        Output output = new Output();
        Runnable run = () -> {
            output.clearOutput(true);
            output.capture(() -> {
                Object result = function.get();
                if (result != null) {
                    Notebook.display(result);
                }
            });
        };
        controls.forEach(control -> control.observe(changed -> run.run()));
        List<Widget> children = new ArrayList<>(controls);
        children.add(output);
        Notebook.display(new VBox(children.toArray(Widget[]::new)));
        run.run();
    }
}
