package io.jotter.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;

class PlotTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void aLineRendersAsAPngOfTheDefaultSize() throws IOException {
        XYChart chart = Plot.line(new double[] {1, 4, 9, 16});
        chart.setTitle("Squares");

        MimeBundle bundle = Renderers.render(chart);

        BufferedImage image = RenderersTest.decodePng(bundle);
        assertEquals(Plot.WIDTH, image.getWidth());
        assertEquals(Plot.HEIGHT, image.getHeight());
        assertTrue(bundle.plainText().startsWith("XYChart \"Squares\" 640x400"), bundle.plainText());
        assertFalse(chart.getStyler().isLegendVisible(), "one series needs no legend");
        assertEquals(3.0, chart.getSeriesMap().get("y").getXMax());
    }

    @Test
    void scatterAndOverloadsMakeOneSeries() throws IOException {
        XYChart scatter = Plot.scatter(new float[] {1, 2, 3}, new float[] {3, 1, 2});
        assertEquals(XYSeriesRenderStyle.Scatter, scatter.getSeriesMap().get("y").getXYSeriesRenderStyle());
        RenderersTest.decodePng(Renderers.render(scatter));

        XYChart fromList = Plot.line(List.of(1, 2, 3), List.of(2.0, 4.0, 8.0));
        assertEquals(8.0, fromList.getSeriesMap().get("y").getYMax());
        assertEquals(2.0, Plot.line(new int[] {5, 6, 7}).getSeriesMap().get("y").getXMax());
    }

    @Test
    void barsHaveOneBarPerCategory() throws IOException {
        CategoryChart chart = Plot.bar(new String[] {"cats", "dogs", "fish"}, new double[] {3, 5, 1});

        MimeBundle bundle = Renderers.render(chart);

        assertEquals(Plot.WIDTH, RenderersTest.decodePng(bundle).getWidth());
        assertEquals(List.of("cats", "dogs", "fish"), chart.getSeriesMap().get("values").getXData());
    }

    @Test
    void mismatchedLengthsSaySo() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Plot.line(new double[] {1, 2}, new double[] {1, 2, 3}));
        assertEquals("x has 2 values but y has 3; they must match", error.getMessage());
    }
}
