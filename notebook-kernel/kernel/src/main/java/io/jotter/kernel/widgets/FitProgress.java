package io.jotter.kernel.widgets;

import io.jotter.kernel.display.MimeBundle;
import io.jotter.kernel.display.Notebook;
import io.jotter.learn.LiveProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code fit}'s live view in a Jotter kernel, made of widgets: the title, a progress bar over the epoch's batches with
 * the running metrics beside it, and below them the finished epochs and the curves so far. Each batch sends the
 * bar's value and the metrics, not the whole output. At the end the output becomes the final text and HTML, with no
 * widget in it, and the widgets close: a saved notebook (a job's, one read by nbconvert or JupyterLab later) holds
 * what a reader can show without the kernel. The final curves follow as their own output.
 */
public final class FitProgress implements LiveProgress {
    /** Finished epochs listed; older ones are counted. */
    private static final int SHOWN_EPOCHS = 15;

    @Override
    public View show(Map<String, String> bundle, String displayId, int epochs, int batches) {
        Label title = new Label(bundle.getOrDefault("text/plain", "").lines().findFirst().orElse(""));
        IntProgress bar = new IntProgress().max(batches).description("Epoch 1/" + epochs);
        Label metrics = new Label();
        Output history = new Output();
        Output chart = new Output();
        HBox row = new HBox(bar, metrics);
        VBox box = new VBox(title, row, history, chart);
        // The widget's view, with the bundle's text and HTML for readers without widgets.
        Notebook.display(with(box.toMimeBundle(), bundle), displayId);
        return new View() {
            private final List<String> lines = new ArrayList<>();

            @Override
            public void batch(int epoch, int batch, String running) {
                bar.description("Epoch " + epoch + "/" + epochs);
                bar.value(batch);
                metrics.value(running);
            }

            @Override
            public void epoch(String line, Map<String, String> curves) {
                lines.add(line);
                bar.value(0);
                metrics.value(line.replaceFirst("^Epoch \\d+/\\d+ - ", ""));
                if (lines.size() > SHOWN_EPOCHS) {
                    showHistory();
                } else {
                    history.write("stdout", line + "\n");
                }
                if (curves != null && curves.containsKey("image/png")) {
                    chart.clearOutput(true);
                    chart.display(MimeBundle.text(curves.getOrDefault("text/plain", ""))
                            .with("image/png", curves.get("image/png")), null);
                }
            }

            @Override
            public void finished(String status, Map<String, String> record) {
                Notebook.updateDisplay(displayId, with(MimeBundle.empty(), record));
                for (Widget widget : List.of(box, row, title, bar, metrics, history, chart)) {
                    widget.close();
                }
            }

            /** The last epochs, with how many came before. */
            private void showHistory() {
                int hidden = lines.size() - SHOWN_EPOCHS;
                StringBuilder text = new StringBuilder("(" + hidden + " earlier epochs)\n");
                lines.subList(hidden, lines.size()).forEach(line -> text.append(line).append('\n'));
                history.clearOutput(true);
                history.write("stdout", text.toString());
            }
        };
    }

    /** {@code shown} with each of {@code bundle}'s representations. */
    private static MimeBundle with(MimeBundle shown, Map<String, String> bundle) {
        for (Map.Entry<String, String> entry : bundle.entrySet()) {
            shown = shown.with(entry.getKey(), entry.getValue());
        }
        return shown;
    }
}
