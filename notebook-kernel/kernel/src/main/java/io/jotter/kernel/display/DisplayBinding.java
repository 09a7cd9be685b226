package io.jotter.kernel.display;

/**
 * The kernel's side of {@link Notebook}: binds the sink that displayed output goes to while
 * cells run. Kept apart from {@code Notebook} so {@code import static Notebook.*} shows
 * students only what they call.
 *
 * <p>The binding is global rather than per thread, so output from threads a cell starts still
 * reaches the notebook. Use it with try-with-resources around a cell's evaluation:
 * <pre>{@code try (var binding = DisplayBinding.bind(sink)) { evaluate(cell); }}</pre>
 */
public final class DisplayBinding implements AutoCloseable {
    private static volatile DisplaySink current;

    private final DisplaySink previous;

    private DisplayBinding(DisplaySink previous) {
        this.previous = previous;
    }

    /** Sends displays to {@code sink} until the returned binding is closed. */
    public static DisplayBinding bind(DisplaySink sink) {
        DisplayBinding binding = new DisplayBinding(current);
        current = sink;
        return binding;
    }

    /** Restores the sink bound before this one (none, outside nested bindings). */
    @Override
    public void close() {
        current = previous;
    }

    /** The bound sink, or null when none is: {@link Notebook} then prints plain text. */
    static DisplaySink current() {
        return current;
    }
}
