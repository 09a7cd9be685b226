package io.jotter.kernel.display;

import java.util.function.Function;

/**
 * What {@link TensorFormat} needs of a tensor, free of TensorFlow types so the layout is plain
 * Java: a name for the kind of value, its element type, its shape, and element access.
 *
 * @param kind what the value is, e.g. {@code TFloat32}
 * @param dtype the element type as TensorFlow names it, e.g. {@code FLOAT}
 * @param shape the size of each dimension; empty for a scalar
 * @param valueAt the element at the given coordinates (one per dimension)
 * @param device where an eager value was computed, {@code GPU:0}; empty when not known (a host tensor)
 */
record TensorView(String kind, String dtype, long[] shape, Function<long[], Object> valueAt, String device) {
    TensorView(String kind, String dtype, long[] shape, Function<long[], Object> valueAt) {
        this(kind, dtype, shape, valueAt, "");
    }

    TensorView on(String where) {
        return new TensorView(kind, dtype, shape, valueAt, where);
    }

    long size() {
        long size = 1;
        for (long dimension : shape) {
            size *= dimension;
        }
        return size;
    }

    String header() {
        return kind + "(dtype=" + dtype + ", shape=" + java.util.Arrays.toString(shape)
                + (device.isEmpty() ? "" : ", device=" + device) + ")";
    }
}
