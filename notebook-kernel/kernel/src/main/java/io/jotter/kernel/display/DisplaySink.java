package io.jotter.kernel.display;

/**
 * Where displayed output goes while a cell runs. The kernel implements it by publishing on
 * IOPub and binds it with {@link DisplayBinding}; {@link Notebook} is its only caller.
 * Implementations must accept calls from any thread, since a cell may display from threads it
 * started.
 */
public interface DisplaySink {
    /**
     * Shows a new output ({@code display_data}). A non-null id goes to
     * {@code transient.display_id}, so a later {@link #update} can replace it.
     */
    void display(MimeBundle bundle, String displayIdOrNull);

    /** Replaces every output shown with {@code displayId} ({@code update_display_data}). */
    void update(MimeBundle bundle, String displayId);

    /** Clears the cell's output ({@code clear_output}); with {@code wait}, only once new output arrives. */
    void clearOutput(boolean wait);
}
