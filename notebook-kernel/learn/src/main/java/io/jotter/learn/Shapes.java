package io.jotter.learn;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Shapes as people read them: {@code (8, 8, 1)}. */
final class Shapes {
    private Shapes() {
    }

    static String format(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** With the batch dimension first, as Keras prints it: {@code (None, 64)}. */
    static String withBatch(long[] shape) {
        return shape.length == 0 ? "(None)" : "(None, " + format(shape).substring(1);
    }

    static long size(long[] shape) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        return size;
    }

    static long[] withBatchDimension(long[] shape) {
        long[] full = new long[shape.length + 1];
        full[0] = -1;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return full;
    }
}
