package io.jotter.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The NumPy-like layout on a stand-in tensor, without TensorFlow. */
class TensorFormatTest {
    /** Element at (i, j, k...) is its row-major position. */
    private static TensorView counting(long... shape) {
        return new TensorView("Test", "INT64", shape, at -> {
            long position = 0;
            for (int d = 0; d < shape.length; d++) {
                position = position * shape[d] + at[d];
            }
            return position;
        });
    }

    @Test
    void threeDimensionsNestWithABlankLineBetweenMatrices() {
        assertEquals("""
                Test(dtype=INT64, shape=[2, 2, 2])
                [[[0, 1],
                  [2, 3]],

                 [[4, 5],
                  [6, 7]]]""", TensorFormat.text(counting(2, 2, 2)));
    }

    @Test
    void elementsArePaddedToTheWidestShown() {
        assertEquals("Test(dtype=INT64, shape=[2, 6])\n[[ 0,  1,  2,  3,  4,  5],\n [ 6,  7,  8,  9, 10, 11]]",
                TensorFormat.text(counting(2, 6)));
    }

    @Test
    void aLongVectorShowsThreeFromEachEnd() {
        String text = TensorFormat.text(counting(5000));
        assertTrue(text.endsWith("[   0,    1,    2, ..., 4997, 4998, 4999]"), text);
    }

    @Test
    void highRanksShowFewerEdgesSoAboutAThousandValuesAtMost() {
        TensorView tensor = counting(10, 10, 10, 10, 10);
        int edge = TensorFormat.edgeItems(tensor);
        assertTrue(Math.pow(2 * edge, 5) <= TensorFormat.THRESHOLD, "edge " + edge);
        long shown = TensorFormat.text(tensor).chars().filter(c -> c == ',').count();
        assertTrue(shown < 1500, shown + " separators");
    }

    @Test
    void htmlEscapesValues() {
        TensorView strings = new TensorView("TString", "STRING", new long[] {1}, at -> "<script>");
        assertTrue(TensorFormat.html(strings).contains("<td>&quot;&lt;script&gt;&quot;</td>"));
    }
}
