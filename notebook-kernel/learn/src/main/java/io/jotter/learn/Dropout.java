package io.jotter.learn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * While training, sets a random {@code rate} of its inputs to zero and scales the rest by
 * {@code 1 / (1 - rate)}; in evaluate and predict it passes its input through unchanged.
 */
public final class Dropout extends Layer {
    private final double rate;

    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout rate must be at least 0 and below 1, not " + rate);
        }
        this.rate = rate;
    }

    public double rate() {
        return rate;
    }

    @Override
    String kind() {
        return "dropout";
    }

    @Override
    long[] outputShape(long[] inputShape) {
        return inputShape.clone();
    }

    @Override
    long parameterCount(long[] inputShape) {
        return 0;
    }

    @Override
    <T extends TFloating> LayerOutput build(LayerContext<T> context, Operand<? extends TFloating> input, long[] inputShape) {
        Ops tf = context.tf();
        Operand<T> x = context.compute(input);
        // keep = 1 - rate while training, 1 otherwise; floor(keep + uniform[0, 1)) is then 1 with
        // probability keep, and always 1 outside training.
        Operand<TFloat32> keep = tf.math.sub(tf.constant(1f), tf.math.mul(tf.constant((float) rate), context.learningPhase()));
        Operand<TFloat32> uniform = tf.random.randomUniform(tf.shape(x), TFloat32.class,
                RandomUniform.seed(context.seed()), RandomUniform.seed2(context.seed() >>> 16));
        Operand<TFloat32> mask = tf.math.floor(tf.math.add(keep, uniform));
        if (x.type() == TFloat32.class) {
            return LayerOutput.of(tf.math.div(tf.math.mul(x, context.compute(mask)), context.compute(keep)));
        }
        // In a mixed model, mask / keep in float32, then one cast: 1 / 0.9 rounded once, not twice (bfloat16 keeps 8 bits).
        return LayerOutput.of(tf.math.mul(x, context.compute(tf.math.div(mask, keep))));
    }

    @Override
    String spec() {
        return "rate=" + rate;
    }
}
