package io.jotter.learn;

import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * A live view of a {@code fit} that the front end updates in place, message by message, instead of receiving the
 * whole output again: the Jotter kernel provides one made of widgets (a progress bar, the running metrics, the loss
 * curve), found with {@link ServiceLoader}. Without one, {@code fit} updates its output as before.
 */
public interface LiveProgress {
    /**
     * Shows the view, with {@code bundle} ({@code text/plain}, {@code text/html}) for readers without widgets (a job's
     * notebook, nbconvert), under {@code displayId}.
     */
    View show(Map<String, String> bundle, String displayId, int epochs, int batches);

    /** One fit's view. Called from the training thread. */
    interface View {
        /** After batch {@code batch} (1-based) of epoch {@code epoch}, with the running metrics as text. */
        void batch(int epoch, int batch, String metrics);

        /** After an epoch: its line, and the curves so far ({@code image/png}), or null when not redrawn now. */
        void epoch(String line, Map<String, String> curves);

        /** Training ended: the output becomes {@code bundle} for the record; the view shows {@code status}. */
        void finished(String status, Map<String, String> bundle);
    }

    /** The kernel's live view, or null outside a kernel that has one. */
    static LiveProgress find() {
        try {
            return ServiceLoader.load(LiveProgress.class, LiveProgress.class.getClassLoader()).findFirst().orElse(null);
        } catch (ServiceConfigurationError e) {
            return null;
        }
    }
}
