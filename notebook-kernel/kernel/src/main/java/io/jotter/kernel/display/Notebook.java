package io.jotter.kernel.display;

/**
 * What a cell calls to show things, imported into every cell with
 * {@code import static io.jotter.kernel.display.Notebook.*}. Values are rendered with
 * {@link Renderers}, so anything a cell can return, it can also display mid-cell.
 *
 * <p>Outside a running kernel (no sink bound) output falls back to the text form on
 * {@code System.out}, so code written in a notebook also runs in a plain JVM.
 */
public final class Notebook {
    private Notebook() {
    }

    /**
     * Shows {@code value} below the cell now. Returns nothing, so {@code display(x)} as a cell's last
     * line shows {@code x} once; to replace it later, give it an id with {@link #display(Object, String)}.
     */
    public static void display(Object value) {
        display(value, null);
    }

    /** Shows {@code value} under a display id of your choosing (for example "progress"). */
    public static void display(Object value, String displayId) {
        MimeBundle bundle = Renderers.render(value);
        DisplaySink sink = DisplayBinding.current();
        if (sink == null) {
            System.out.println(bundle.plainText());
        } else {
            sink.display(bundle, displayId);
        }
    }

    /** Replaces, wherever it is shown, the output displayed earlier under {@code displayId}. */
    public static void updateDisplay(String displayId, Object value) {
        MimeBundle bundle = Renderers.render(value);
        DisplaySink sink = DisplayBinding.current();
        if (sink == null) {
            System.out.println(bundle.plainText());
        } else {
            sink.update(bundle, displayId);
        }
    }

    /** Clears this cell's output at once. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears this cell's output; with {@code wait}, only when new output arrives, which avoids flicker in loops. */
    public static void clearOutput(boolean wait) {
        DisplaySink sink = DisplayBinding.current();
        if (sink != null) {
            sink.clearOutput(wait);
        }
    }

    /** HTML to render, e.g. {@code html("<b>done</b>")} as a cell's value or passed to {@link #display}. */
    public static Html html(String html) {
        return new Html(html);
    }

    /** Markdown to render, e.g. {@code markdown("**done**")}. */
    public static Markdown markdown(String markdown) {
        return new Markdown(markdown);
    }
}
