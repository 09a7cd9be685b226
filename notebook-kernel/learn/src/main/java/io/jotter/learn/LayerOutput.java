package io.jotter.learn;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * What a layer adds to the graph: its output, and for a softmax or sigmoid layer the values before
 * the activation, from which a cross-entropy loss is computed more accurately (as Keras does).
 * Both are in the layer's compute type ({@link Precision}); the output layer's are float32.
 */
record LayerOutput(Operand<? extends TFloating> output, Operand<? extends TFloating> logits, String activation) {
    static LayerOutput of(Operand<? extends TFloating> output) {
        return new LayerOutput(output, null, "linear");
    }
}
