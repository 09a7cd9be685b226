package io.jotter.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.EagerSession;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Real TensorFlow values; loading its native library takes seconds, so these stay few. */
class TensorRenderingTest {
    @BeforeAll
    static void javacppCache() {
        if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
            System.setProperty("org.bytedeco.javacpp.cachedir",
                    System.getProperty("user.home") + "/.local/share/jotter/javacpp-cache");
        }
    }

    @Test
    void aMatrixShowsDtypeShapeAndValuesAsTextAndTable() {
        try (TFloat32 tensor = TFloat32.tensorOf(StdArrays.ndCopyOf(new float[][] {{1f, 2f, 3f}, {4f, 5f, 6.5f}}))) {
            MimeBundle bundle = Renderers.render(tensor);

            assertEquals("""
                    TFloat32(dtype=FLOAT, shape=[2, 3])
                    [[1.0, 2.0, 3.0],
                     [4.0, 5.0, 6.5]]""", bundle.plainText());
            String html = bundle.get(MimeBundle.HTML);
            assertTrue(html.contains("dtype=FLOAT, shape=[2, 3]"), html);
            assertTrue(html.contains("<th>1</th><td>4.0</td><td>5.0</td><td>6.5</td>"), html);
        }
    }

    @Test
    void aLargeTensorShowsOnlyItsEdges() {
        int[][] values = new int[40][40];
        for (int row = 0; row < 40; row++) {
            for (int column = 0; column < 40; column++) {
                values[row][column] = 1000 + row * 40 + column;
            }
        }
        try (TInt32 tensor = TInt32.tensorOf(StdArrays.ndCopyOf(values))) {
            MimeBundle bundle = Renderers.render(tensor);

            String text = bundle.plainText();
            assertTrue(text.startsWith(
                    "TInt32(dtype=INT32, shape=[40, 40])\n[[1000, 1001, 1002, ..., 1037, 1038, 1039],"), text);
            assertTrue(text.contains(" ...,\n"), text);
            assertTrue(text.endsWith("[2560, 2561, 2562, ..., 2597, 2598, 2599]]"), text);
            assertFalse(text.contains("1820"), "the middle is left out");
            assertEquals(8, text.lines().count(), "header, six rows and the ellipsis");
            String html = bundle.get(MimeBundle.HTML);
            assertTrue(html.contains("&hellip;") && html.contains("&vellip;") && !html.contains("1820"), html);
        }
    }

    @Test
    void eagerOperandsShowTheirValue() {
        try (EagerSession session = EagerSession.create()) {
            Ops tf = Ops.create(session);
            Operand<TFloat32> sum = tf.math.add(tf.constant(new float[] {1f, 2f}), tf.constant(new float[] {10f, 20f}));

            MimeBundle bundle = Renderers.render(sum);

            assertEquals("TFloat32(dtype=FLOAT, shape=[2], device=CPU:0)\n[11.0, 22.0]", bundle.plainText(),
                    "an eager value says where it was computed");
            assertTrue(bundle.get(MimeBundle.HTML).contains("<td>11.0</td><td>22.0</td>"));
        }
    }

    @Test
    void plainNdArraysNeedNoNativeCode() {
        MimeBundle bundle = Renderers.render(NdArrays.vectorOf(3L, 4L));
        assertTrue(bundle.plainText().endsWith("(dtype=LONG, shape=[2])\n[3, 4]"), bundle.plainText());

        MimeBundle scalar = Renderers.render(NdArrays.scalarOf(2.5));
        assertTrue(scalar.plainText().endsWith("(dtype=DOUBLE, shape=[])\n2.5"), scalar.plainText());
        assertTrue(scalar.get(MimeBundle.HTML).contains("<td>2.5</td>"));

        assertNull(Renderers.render(NdArrays.ofInts(org.tensorflow.ndarray.Shape.of(2, 2, 2))).get(MimeBundle.HTML),
                "three dimensions stay text only");
    }
}
