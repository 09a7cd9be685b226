package io.jotter.learn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What {@code fit} measured, epoch by epoch: "loss" and each metric on the training data, and with
 * a validation split "val_loss", "val_accuracy"... as in Keras. A training stopped by an interrupt
 * keeps the epochs it finished.
 */
public final class History {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private volatile String stoppedAt;

    History(List<String> keys) {
        keys.forEach(key -> values.put(key, new ArrayList<>()));
    }

    synchronized void addEpoch(Map<String, Double> logs) {
        logs.forEach((key, value) -> values.computeIfAbsent(key, k -> new ArrayList<>()).add(value));
    }

    void stopped(String where) {
        stoppedAt = where;
    }

    /** How many epochs finished. */
    public synchronized int epochs() {
        return values.isEmpty() ? 0 : values.values().iterator().next().size();
    }

    /** The keys, such as loss, accuracy, val_loss, val_accuracy. */
    public synchronized List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** One value per finished epoch for {@code key}. */
    public synchronized List<Double> get(String key) {
        List<Double> list = values.get(key);
        if (list == null) {
            throw new IllegalArgumentException("no \"" + key + "\" in this history; it has " + values.keySet());
        }
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** The value of {@code key} after the last finished epoch. */
    public synchronized double last(String key) {
        List<Double> list = get(key);
        if (list.isEmpty()) {
            throw new IllegalStateException("no epoch finished");
        }
        return list.get(list.size() - 1);
    }

    /** Whether an interrupt stopped the training before its last epoch. */
    public boolean interrupted() {
        return stoppedAt != null;
    }

    /** A chart of the loss per epoch, training and validation; as a cell's value it shows as an image. */
    public XYChart plot() {
        return plot("loss");
    }

    /** A chart of {@code key} per epoch, and of its validation twin when there is one. */
    public synchronized XYChart plot(String key) {
        XYChart chart = new XYChartBuilder().width(480).height(320).title(key).xAxisTitle("epoch").build();
        chart.getStyler().setLegendVisible(true);
        // Losses fall and accuracies rise: keep the legend in the corner the curve leaves free.
        chart.getStyler().setLegendPosition(key.contains("loss") || key.contains("mae")
                ? Styler.LegendPosition.InsideNE : Styler.LegendPosition.InsideSE);
        addSeries(chart, key);
        if (values.containsKey("val_" + key)) {
            addSeries(chart, "val_" + key);
        }
        return chart;
    }

    private void addSeries(XYChart chart, String key) {
        List<Double> ys = get(key);
        double[] x = new double[ys.size()];
        double[] y = new double[ys.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = ys.get(i);
        }
        chart.addSeries(key.startsWith("val_") ? "validation" : "training", x, y).setMarker(
                x.length > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }

    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder("History: ").append(epochs()).append(" epochs");
        if (stoppedAt != null) {
            text.append(" (interrupted at ").append(stoppedAt).append(')');
        }
        values.forEach((key, list) -> {
            if (!list.isEmpty()) {
                text.append(", ").append(key).append(' ').append(String.format("%.4f", list.get(list.size() - 1)));
            }
        });
        return text.toString();
    }
}
