package io.jotter.learn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Keeps the largest value of each {@code poolSize × poolSize} block of an image, per channel ("valid" padding). */
public final class MaxPooling2D extends Layer {
    private final int poolSize;

    public MaxPooling2D() {
        this(2);
    }

    public MaxPooling2D(int poolSize) {
        if (poolSize <= 0) {
            throw new IllegalArgumentException("MaxPooling2D pool size must be at least 1, not " + poolSize);
        }
        this.poolSize = poolSize;
    }

    @Override
    String kind() {
        return "max_pooling2d";
    }

    @Override
    long[] outputShape(long[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException(describe() + " takes images of shape (height, width, channels), but its input has shape "
                    + Shapes.format(inputShape));
        }
        if (inputShape[0] < poolSize || inputShape[1] < poolSize) {
            throw new IllegalArgumentException(describe() + ": a " + poolSize + "×" + poolSize
                    + " pool does not fit an input of shape " + Shapes.format(inputShape));
        }
        return new long[] {inputShape[0] / poolSize, inputShape[1] / poolSize, inputShape[2]};
    }

    @Override
    long parameterCount(long[] inputShape) {
        return 0;
    }

    @Override
    <T extends TFloating> LayerOutput build(LayerContext<T> context, Operand<? extends TFloating> input, long[] inputShape) {
        Ops tf = context.tf();
        var window = tf.constant(new int[] {1, poolSize, poolSize, 1});
        return LayerOutput.of(tf.nn.maxPool(context.compute(input), window, window, "VALID"));
    }

    @Override
    String spec() {
        return "poolSize=" + poolSize;
    }
}
