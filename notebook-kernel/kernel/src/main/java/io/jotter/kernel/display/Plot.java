package io.jotter.kernel.display;

import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One-line charts: {@code Plot.line(y)} as a cell's value shows a line chart. Each method
 * returns the XChart chart itself, so titles, axis labels and more series are one call away,
 * e.g. {@code var c = Plot.line(x, y); c.setTitle("Loss"); c.addSeries("val", x, v); c}.
 *
 * <p>A chart with one series hides its legend; after adding series, show it with
 * {@code chart.getStyler().setLegendVisible(true)}.
 */
public final class Plot {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;

    private Plot() {
    }

    /** A line through {@code y} against its index 0, 1, 2... */
    public static XYChart line(double[] y) {
        return line(indices(y.length), y);
    }

    public static XYChart line(double[] x, double[] y) {
        XYChart chart = xyChart(x, y, XYSeriesRenderStyle.Line);
        // A line of many points reads better without a marker at each one, as in matplotlib.
        chart.getSeriesMap().values().forEach(series -> series.setMarker(SeriesMarkers.NONE));
        return chart;
    }

    public static XYChart line(float[] y) {
        return line(doubles(y));
    }

    public static XYChart line(float[] x, float[] y) {
        return line(doubles(x), doubles(y));
    }

    public static XYChart line(int[] y) {
        return line(doubles(y));
    }

    public static XYChart line(int[] x, int[] y) {
        return line(doubles(x), doubles(y));
    }

    public static XYChart line(List<? extends Number> y) {
        return line(doubles(y));
    }

    public static XYChart line(List<? extends Number> x, List<? extends Number> y) {
        return line(doubles(x), doubles(y));
    }

    /** Points at ({@code x[i]}, {@code y[i]}), unconnected. */
    public static XYChart scatter(double[] x, double[] y) {
        return xyChart(x, y, XYSeriesRenderStyle.Scatter);
    }

    public static XYChart scatter(float[] x, float[] y) {
        return scatter(doubles(x), doubles(y));
    }

    public static XYChart scatter(int[] x, int[] y) {
        return scatter(doubles(x), doubles(y));
    }

    public static XYChart scatter(List<? extends Number> x, List<? extends Number> y) {
        return scatter(doubles(x), doubles(y));
    }

    /** One bar per category, {@code values[i]} high. */
    public static CategoryChart bar(String[] categories, double[] values) {
        return bar(List.of(categories), boxed(values));
    }

    public static CategoryChart bar(List<String> categories, List<? extends Number> values) {
        requireSameLength("categories", categories.size(), "values", values.size());
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).build();
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("values", categories, values);
        return chart;
    }

    private static XYChart xyChart(double[] x, double[] y, XYSeriesRenderStyle style) {
        requireSameLength("x", x.length, "y", y.length);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setDefaultSeriesRenderStyle(style);
        XYSeries series = chart.addSeries("y", x, y);
        series.setXYSeriesRenderStyle(style);
        return chart;
    }

    /** XChart's own message for this is "X and Y-Axis sizes are not the same!!!". */
    private static void requireSameLength(String xName, int xLength, String yName, int yLength) {
        if (xLength != yLength) {
            throw new IllegalArgumentException(
                    xName + " has " + xLength + " values but " + yName + " has " + yLength + "; they must match");
        }
    }

    private static double[] indices(int length) {
        double[] indices = new double[length];
        for (int i = 0; i < length; i++) {
            indices[i] = i;
        }
        return indices;
    }

    private static double[] doubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    private static double[] doubles(int[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    private static double[] doubles(List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).toArray();
    }

    private static List<Double> boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
