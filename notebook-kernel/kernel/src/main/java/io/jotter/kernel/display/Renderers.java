package io.jotter.kernel.display;

import java.util.Arrays;

/**
 * Turns any value into a MIME bundle that always has {@code text/plain}. Images, XChart
 * charts and TensorFlow tensors get a rich form too; their renderers are separate classes,
 * reached only once the value's class names say it is one of theirs (see {@link TypeNames}),
 * so a plain value never loads AWT, XChart or TensorFlow.
 */
public final class Renderers {
    private static final String RENDERED_IMAGE = "java.awt.image.RenderedImage";
    private static final String XCHART = "org.knowm.xchart.internal.chartpart.Chart";
    private static final String TF_TENSOR = "org.tensorflow.Tensor";
    private static final String TF_OPERAND = "org.tensorflow.Operand";
    private static final String ND_ARRAY = "org.tensorflow.ndarray.NdArray";

    private Renderers() {
    }

    public static MimeBundle render(Object value) {
        if (value == null) {
            return MimeBundle.text("null");
        }
        try {
            return renderRich(value);
        } catch (RuntimeException | LinkageError e) {
            // A broken chart or a closed tensor must still show something, never fail the cell.
            return plain(value);
        }
    }

    private static MimeBundle renderRich(Object value) {
        if (value instanceof MimeBundle bundle) {
            return bundle.data().has(MimeBundle.TEXT) ? bundle : bundle.with(MimeBundle.TEXT, "");
        }
        if (value instanceof Displayable displayable) {
            return withPlainFallback(displayable.toMimeBundle(), value);
        }
        if (value instanceof Html html) {
            return MimeBundle.html(html.html(), html.html());
        }
        if (value instanceof Markdown markdown) {
            return MimeBundle.text(markdown.markdown()).with(MimeBundle.MARKDOWN, markdown.markdown());
        }
        Class<?> type = value.getClass();
        if (TypeNames.isA(type, RENDERED_IMAGE)) {
            return ImageRenderer.render(value);
        }
        if (TypeNames.isA(type, XCHART)) {
            return ChartRenderer.render(value);
        }
        if (TypeNames.isA(type, TF_TENSOR) || TypeNames.isA(type, TF_OPERAND)
                || TypeNames.isA(type, ND_ARRAY)) {
            return TensorRenderer.render(value);
        }
        return plain(value);
    }

    private static MimeBundle withPlainFallback(MimeBundle bundle, Object value) {
        return bundle.data().has(MimeBundle.TEXT) ? bundle : bundle.with(MimeBundle.TEXT, plainText(value));
    }

    private static MimeBundle plain(Object value) {
        return MimeBundle.text(plainText(value));
    }

    /** {@code String.valueOf}, except that arrays show their elements rather than {@code [I@1b6d3586}. */
    static String plainText(Object value) {
        try {
            if (value instanceof Object[] objects) {
                return Arrays.deepToString(objects);
            }
            if (value != null && value.getClass().isArray()) {
                return primitiveArray(value);
            }
            return String.valueOf(value);
        } catch (RuntimeException e) {
            // A user's toString() that throws should not take the display down with it.
            return value.getClass().getName() + " (toString() threw " + e + ")";
        }
    }

    private static String primitiveArray(Object array) {
        if (array instanceof int[] a) {
            return Arrays.toString(a);
        } else if (array instanceof long[] a) {
            return Arrays.toString(a);
        } else if (array instanceof double[] a) {
            return Arrays.toString(a);
        } else if (array instanceof float[] a) {
            return Arrays.toString(a);
        } else if (array instanceof boolean[] a) {
            return Arrays.toString(a);
        } else if (array instanceof char[] a) {
            return Arrays.toString(a);
        } else if (array instanceof byte[] a) {
            return Arrays.toString(a);
        } else {
            return Arrays.toString((short[]) array);
        }
    }
}
