package io.jotter.learn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

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
    LayerOutput build(LayerContext context, Operand<TFloat32> input, long[] inputShape) {
        Ops tf = context.tf();
        // keep = 1 - rate while training, 1 otherwise; floor(keep + uniform[0, 1)) is then 1 with
        // probability keep, and always 1 outside training.
        Operand<TFloat32> keep = tf.math.sub(tf.constant(1f), tf.math.mul(tf.constant((float) rate), context.learningPhase()));
        Operand<TFloat32> uniform = tf.random.randomUniform(tf.shape(input), TFloat32.class,
                RandomUniform.seed(context.seed()), RandomUniform.seed2(context.seed() >>> 16));
        Operand<TFloat32> mask = tf.math.floor(tf.math.add(keep, uniform));
        return LayerOutput.of(tf.math.div(tf.math.mul(input, mask), keep));
    }

    @Override
    String spec() {
        return "rate=" + rate;
    }
}
