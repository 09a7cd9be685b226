package io.jotter.learn;

import java.util.Arrays;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Samples as the model feeds them: one flat {@code float[]} and the shape of one sample. Made from
 * what a student has at hand (Java arrays or TensorFlow tensors) and cut into batch tensors.
 */
final class Samples {
    private final float[] data;
    private final long[] sampleShape;
    private final int count;
    private final boolean integral;

    private Samples(float[] data, long[] sampleShape, int count, boolean integral) {
        this.data = data;
        this.sampleShape = sampleShape;
        this.count = count;
        this.integral = integral;
    }

    int count() {
        return count;
    }

    long[] sampleShape() {
        return sampleShape.clone();
    }

    int sampleSize() {
        return (int) Shapes.size(sampleShape);
    }

    /** Whether the values came as integers (class labels from an {@code int[]}). */
    boolean integral() {
        return integral;
    }

    float value(int sample, int index) {
        return data[sample * sampleSize() + index];
    }

    Samples reshaped(long[] newSampleShape) {
        if (Shapes.size(newSampleShape) != sampleSize()) {
            throw new IllegalStateException("cannot reshape " + Shapes.format(sampleShape) + " to " + Shapes.format(newSampleShape));
        }
        return new Samples(data, newSampleShape.clone(), count, integral);
    }

    /** Samples {@code from} (inclusive) to {@code to} (exclusive). */
    Samples range(int from, int to) {
        int size = sampleSize();
        return new Samples(Arrays.copyOfRange(data, from * size, to * size), sampleShape, to - from, integral);
    }

    /** A batch of the samples {@code order[from..to)}, as a tensor the caller closes. */
    TFloat32 batch(int[] order, int from, int to) {
        int size = sampleSize();
        float[] batch = new float[(to - from) * size];
        for (int i = from; i < to; i++) {
            System.arraycopy(data, order[i] * size, batch, (i - from) * size, size);
        }
        return tensor(batch, to - from);
    }

    /** The samples {@code from..to} in order, as a tensor the caller closes. */
    TFloat32 batch(int from, int to) {
        int size = sampleSize();
        return tensor(Arrays.copyOfRange(data, from * size, to * size), to - from);
    }

    private TFloat32 tensor(float[] values, int samples) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = samples;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    /**
     * Features: {@code float[][]}, {@code double[][]} (samples × features), {@code float[][][]}
     * (samples × height × width), {@code float[][][][]} (samples × height × width × channels), or a
     * {@code TFloat32}/{@code TFloat64} tensor whose first dimension is the samples.
     */
    static Samples features(Object x, String what) {
        if (x == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (x instanceof Tensor tensor) {
            return ofTensor(tensor, what);
        }
        if (x instanceof float[] || x instanceof double[] || x instanceof int[]) {
            throw new IllegalArgumentException(what + " is one flat array; give one row per sample, such as float[samples][features]");
        }
        return ofArray(x, what);
    }

    /**
     * Labels or targets: {@code int[]} or {@code long[]} (class numbers), {@code float[]},
     * {@code double[]} (one value per sample), {@code float[][]}, {@code double[][]} (a row per
     * sample, e.g. one-hot), or a tensor whose first dimension is the samples.
     */
    static Samples targets(Object y, String what) {
        if (y == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (y instanceof Tensor tensor) {
            return ofTensor(tensor, what);
        }
        if (y instanceof int[] ints) {
            float[] values = new float[ints.length];
            for (int i = 0; i < ints.length; i++) {
                values[i] = ints[i];
            }
            return new Samples(values, new long[0], ints.length, true);
        }
        if (y instanceof long[] longs) {
            float[] values = new float[longs.length];
            for (int i = 0; i < longs.length; i++) {
                values[i] = longs[i];
            }
            return new Samples(values, new long[0], longs.length, true);
        }
        if (y instanceof float[] floats) {
            return new Samples(floats.clone(), new long[0], floats.length, false);
        }
        if (y instanceof double[] doubles) {
            float[] values = new float[doubles.length];
            for (int i = 0; i < doubles.length; i++) {
                values[i] = (float) doubles[i];
            }
            return new Samples(values, new long[0], doubles.length, false);
        }
        return ofArray(y, what);
    }

    private static Samples ofTensor(Tensor tensor, String what) {
        long[] shape = tensor.shape().asArray();
        if (shape.length == 0) {
            throw new IllegalArgumentException(what + " is a scalar tensor; its first dimension must be the samples");
        }
        float[] values = new float[(int) tensor.shape().size()];
        boolean integral = false;
        if (tensor instanceof TFloat32 t) {
            t.copyTo(DataBuffers.of(values, false, false));
        } else if (tensor instanceof TFloat64 t) {
            double[] doubles = new double[values.length];
            t.copyTo(DataBuffers.of(doubles, false, false));
            for (int i = 0; i < doubles.length; i++) {
                values[i] = (float) doubles[i];
            }
        } else if (tensor instanceof TInt32 t) {
            int[] ints = new int[values.length];
            t.copyTo(DataBuffers.of(ints, false, false));
            for (int i = 0; i < ints.length; i++) {
                values[i] = ints[i];
            }
            integral = true;
        } else if (tensor instanceof TInt64 t) {
            long[] longs = new long[values.length];
            t.copyTo(DataBuffers.of(longs, false, false));
            for (int i = 0; i < longs.length; i++) {
                values[i] = longs[i];
            }
            integral = true;
        } else {
            throw new IllegalArgumentException(what + " is a " + tensor.dataType()
                    + " tensor; use TFloat32, TFloat64, TInt32 or TInt64");
        }
        return new Samples(values, Arrays.copyOfRange(shape, 1, shape.length), (int) shape[0], integral);
    }

    /** Nested Java arrays of float or double, every sample the same shape. */
    private static Samples ofArray(Object array, String what) {
        if (!array.getClass().isArray() || !(array instanceof Object[] samples)) {
            throw new IllegalArgumentException(what + " is a " + array.getClass().getSimpleName()
                    + "; give float[][] (samples × features), float[][][][] (samples × height × width × channels) or a TFloat32 tensor");
        }
        if (samples.length == 0) {
            return new Samples(new float[0], new long[0], 0, false);
        }
        long[] sampleShape = shapeOf(samples[0], what + "[0]");
        int size = (int) Shapes.size(sampleShape);
        float[] values = new float[samples.length * size];
        int[] cursor = {0};
        for (int i = 0; i < samples.length; i++) {
            long[] shape = shapeOf(samples[i], what + "[" + i + "]");
            if (!Arrays.equals(shape, sampleShape)) {
                throw new IllegalArgumentException(what + "[" + i + "] has shape " + Shapes.format(shape)
                        + " but " + what + "[0] has " + Shapes.format(sampleShape) + "; every sample must have the same shape");
            }
            try {
                copy(samples[i], values, cursor);
            } catch (IndexOutOfBoundsException e) {
                cursor[0] = -1;
            }
            if (cursor[0] != (i + 1) * size) {
                throw new IllegalArgumentException(what + "[" + i + "] is ragged: its rows are not all as long as "
                        + what + "[0]'s, shape " + Shapes.format(sampleShape));
            }
        }
        return new Samples(values, sampleShape, samples.length, false);
    }

    private static long[] shapeOf(Object sample, String what) {
        if (sample instanceof float[] f) {
            return new long[] {f.length};
        }
        if (sample instanceof double[] d) {
            return new long[] {d.length};
        }
        if (sample instanceof Object[] nested) {
            if (nested.length == 0) {
                throw new IllegalArgumentException(what + " is empty");
            }
            long[] inner = shapeOf(nested[0], what + "[0]");
            long[] shape = new long[inner.length + 1];
            shape[0] = nested.length;
            System.arraycopy(inner, 0, shape, 1, inner.length);
            return shape;
        }
        throw new IllegalArgumentException(what + " is " + (sample == null ? "null" : "a " + sample.getClass().getSimpleName())
                + "; samples must be arrays of float or double");
    }

    private static void copy(Object sample, float[] values, int[] cursor) {
        if (sample instanceof float[] f) {
            System.arraycopy(f, 0, values, cursor[0], f.length);
            cursor[0] += f.length;
        } else if (sample instanceof double[] d) {
            for (double v : d) {
                values[cursor[0]++] = (float) v;
            }
        } else {
            for (Object inner : (Object[]) sample) {
                copy(inner, values, cursor);
            }
        }
    }
}
