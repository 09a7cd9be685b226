package io.jotter.kernel.display;

import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** XChart charts drawn to PNG at their own size. Only reached for values that are XChart charts. */
final class ChartRenderer {
    private ChartRenderer() {
    }

    static MimeBundle render(Object value) {
        Chart<?, ?> chart = (Chart<?, ?>) value;
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        return ImageRenderer.png(image, describe(chart));
    }

    private static String describe(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "" : " \"" + chart.getTitle() + "\"";
        return chart.getClass().getSimpleName() + title + " " + chart.getWidth() + "x" + chart.getHeight()
                + ", series " + chart.getSeriesMap().keySet();
    }
}
