package io.jotter.learn;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The shape of one sample, first in a model: {@code new Input(64)} for 64 features,
 * {@code new Input(8, 8, 1)} for 8×8 one-channel images. Without it the model takes its input shape
 * from the first data it sees. It has no weights and is not listed in the summary.
 */
public final class Input extends Layer {
    private final long[] shape;

    public Input(long... shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("Input needs the shape of one sample, such as new Input(64)");
        }
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("Input shape " + Shapes.format(shape) + " must be positive in every dimension");
            }
        }
        this.shape = shape.clone();
    }

    public long[] shape() {
        return shape.clone();
    }

    @Override
    String kind() {
        return "input";
    }

    @Override
    long[] outputShape(long[] inputShape) {
        return shape.clone();
    }

    @Override
    long parameterCount(long[] inputShape) {
        return 0;
    }

    @Override
    <T extends TFloating> LayerOutput build(LayerContext<T> context, Operand<? extends TFloating> input, long[] inputShape) {
        return LayerOutput.of(input);
    }

    @Override
    String spec() {
        return "shape=" + Shapes.format(shape).replace(" ", "");
    }
}
