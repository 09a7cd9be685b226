package io.jotter.learn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The live view of a {@code fit}: one output, shown when training starts and updated in place
 * (at most every {@link #MIN_UPDATE_NANOS}, and at each epoch's end) with a progress bar, the
 * running loss and metrics, and a row per finished epoch. Where the kernel has a {@link LiveProgress} (widgets), that
 * view is updated instead, with the curves redrawn as epochs end (at most every {@link #MIN_CURVES_NANOS}), and the
 * output itself is replaced once, at the end, for the record.
 */
final class TrainingProgress {
    /** Ten updates a second at most: each is a message to the browser. */
    static final long MIN_UPDATE_NANOS = 100_000_000L;
    /** Drawing the curves takes tens of milliseconds: once a second at most. */
    static final long MIN_CURVES_NANOS = 1_000_000_000L;
    /** Rows of finished epochs shown; older ones are summarised in one line. */
    private static final int SHOWN_EPOCHS = 15;

    private final NotebookOutput output;
    private final LongSupplier nanoClock;
    private final int epochs;
    private final int batches;
    private final Precision precision;
    private final String displayId = "jotter-learn-fit-" + UUID.randomUUID();
    private final List<String> finished = new ArrayList<>();
    private final long start;
    private long lastUpdate;
    private String current = "";
    private String header = "";
    private String status = "";
    private final LiveProgress live;
    private LiveProgress.View view;
    private Supplier<Map<String, String>> curves = () -> null;
    private long lastCurves;

    TrainingProgress(NotebookOutput output, LongSupplier nanoClock, int epochs, int batches, Precision precision) {
        this.output = output;
        this.nanoClock = nanoClock;
        this.epochs = epochs;
        this.batches = batches;
        this.precision = precision;
        this.start = nanoClock.getAsLong();
        this.live = output.live();
    }

    /** How to draw the curves so far ({@code image/png}, or null), for a live view. */
    void drawCurvesWith(Supplier<Map<String, String>> draw) {
        this.curves = draw;
    }

    String displayId() {
        return displayId;
    }

    void started(int trainSamples, int validationSamples) {
        header = String.format(Locale.ROOT, "Training on %d samples%s, %d epochs of %d batches%s", trainSamples,
                validationSamples > 0 ? ", validating on " + validationSamples : "", epochs, batches,
                precision.mixed() ? " (mixed precision: " + precision.describe() + ")" : "");
        status = header;
        current = bar(1, 0, Map.of());
        if (live != null) {
            view = live.show(bundle(), displayId, epochs, batches);
        } else {
            output.display(bundle(), displayId);
        }
        lastUpdate = nanoClock.getAsLong();
    }

    /** After batch {@code batch} (1-based) of epoch {@code epoch} (1-based), with the epoch's running averages. */
    void batchEnded(int epoch, int batch, Map<String, Double> running) {
        long now = nanoClock.getAsLong();
        if (now - lastUpdate >= MIN_UPDATE_NANOS) {
            current = bar(epoch, batch, running);
            if (view != null) {
                view.batch(epoch, batch, format(running));
            } else {
                output.update(bundle(), displayId);
            }
            lastUpdate = now;
        }
    }

    void epochEnded(int epoch, Map<String, Double> logs, long epochNanos) {
        String line = String.format(Locale.ROOT, "Epoch %d/%d - %s - %s", epoch, epochs, duration(epochNanos), format(logs));
        finished.add(line);
        current = epoch < epochs ? bar(epoch + 1, 0, Map.of()) : "";
        if (view != null) {
            long now = nanoClock.getAsLong();
            boolean redraw = epoch == epochs || now - lastCurves >= MIN_CURVES_NANOS;
            view.epoch(line, redraw ? curves.get() : null);
            if (redraw) {
                lastCurves = nanoClock.getAsLong();
            }
        } else {
            output.update(bundle(), displayId);
        }
        output.log(line);
        lastUpdate = nanoClock.getAsLong();
    }

    void finished(String outcome) {
        current = "";
        status = header + ". " + outcome + " in " + duration(nanoClock.getAsLong() - start) + ".";
        if (view != null) {
            view.finished(status, bundle());
        } else {
            output.update(bundle(), displayId);
        }
        output.log(status);
    }

    private static String duration(long nanos) {
        return nanos < 10_000_000_000L ? nanos / 1_000_000 + " ms" : String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private String bar(int epoch, int batch, Map<String, Double> running) {
        String metrics = running.isEmpty() ? "" : " - " + format(running);
        return String.format(Locale.ROOT, "Epoch %d/%d %s %d/%d%s", epoch, epochs, textBar(batch), batch, batches, metrics);
    }

    private String textBar(int batch) {
        int width = 20;
        int done = batches == 0 ? width : batch * width / batches;
        return "[" + "=".repeat(done) + (done < width ? ">" + ".".repeat(width - done - 1) : "") + "]";
    }

    static String format(Map<String, Double> logs) {
        List<String> parts = new ArrayList<>();
        logs.forEach((key, value) -> parts.add(key + " " + String.format(Locale.ROOT, "%.4f", value)));
        return String.join(" - ", parts);
    }

    Map<String, String> bundle() {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", plain());
        bundle.put("text/html", html());
        return bundle;
    }

    private List<String> shownEpochs() {
        return finished.subList(Math.max(0, finished.size() - SHOWN_EPOCHS), finished.size());
    }

    private String plain() {
        List<String> lines = new ArrayList<>();
        lines.add(status);
        int hidden = finished.size() - shownEpochs().size();
        if (hidden > 0) {
            lines.add("(" + hidden + " earlier epochs)");
        }
        lines.addAll(shownEpochs());
        if (!current.isEmpty()) {
            lines.add(current);
        }
        return String.join("\n", lines);
    }

    private String html() {
        StringBuilder html = new StringBuilder("<div class=\"jotter-learn-progress\" style=\"font-family:monospace\">");
        html.append("<div>").append(escape(status)).append("</div>");
        int hidden = finished.size() - shownEpochs().size();
        if (hidden > 0) {
            html.append("<div>(").append(hidden).append(" earlier epochs)</div>");
        }
        for (String line : shownEpochs()) {
            html.append("<div>").append(escape(line)).append("</div>");
        }
        if (!current.isEmpty()) {
            int batch = Integer.parseInt(current.replaceAll("^Epoch \\d+/\\d+ \\S+ (\\d+)/.*$", "$1"));
            html.append("<div><progress value=\"").append(batch).append("\" max=\"").append(batches)
                    .append("\" style=\"width:12em;vertical-align:middle\"></progress> ")
                    .append(escape(current.replaceFirst(" \\[[=>.]*\\]", ""))).append("</div>");
        }
        return html.append("</div>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
