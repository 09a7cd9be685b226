package io.jotter.learn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * What a layer needs to build itself: the graph's ops, the learning phase (1 while training, 0
 * otherwise; Dropout reads it), a seed of its own, so a model built twice starts the same, and the
 * type it computes in ({@link Precision}); {@code outputLayer} is true for the model's last layer.
 */
record LayerContext<T extends TFloating>(Ops tf, Operand<TFloat32> learningPhase, long seed, Class<T> computeType,
        boolean outputLayer) {

    /**
     * {@code value} in the compute type: itself when it already is, else a cast in the graph. Weights
     * go through here, so they stay float32 variables and their gradients flow back through the cast.
     */
    @SuppressWarnings("unchecked")
    Operand<T> compute(Operand<? extends TFloating> value) {
        return value.type() == computeType ? (Operand<T>) value : tf.dtypes.cast(value, computeType);
    }

    /**
     * The activation of {@code z}; the output layer's runs in float32, as Keras advises for mixed
     * precision, so the probabilities, the loss taken from the logits and the metrics are float32.
     */
    LayerOutput activate(String activation, Operand<T> z) {
        if (outputLayer && z.type() != TFloat32.class) {
            return Activations.apply(tf, activation, tf.dtypes.cast(z, TFloat32.class));
        }
        return Activations.apply(tf, activation, z);
    }
}
