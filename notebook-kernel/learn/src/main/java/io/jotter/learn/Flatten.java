package io.jotter.learn;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/** Flattens each sample into one row of numbers: an (8, 8, 1) image becomes 64 features. */
public final class Flatten extends Layer {
    public Flatten() {
    }

    @Override
    String kind() {
        return "flatten";
    }

    @Override
    long[] outputShape(long[] inputShape) {
        return new long[] {Shapes.size(inputShape)};
    }

    @Override
    long parameterCount(long[] inputShape) {
        return 0;
    }

    @Override
    <T extends TFloating> LayerOutput build(LayerContext<T> context, Operand<? extends TFloating> input, long[] inputShape) {
        var tf = context.tf();
        return LayerOutput.of(tf.reshape(context.compute(input), tf.constant(new long[] {-1, Shapes.size(inputShape)})));
    }

    @Override
    String spec() {
        return "";
    }
}
