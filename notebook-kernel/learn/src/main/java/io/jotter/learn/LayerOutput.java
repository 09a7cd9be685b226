package io.jotter.learn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What a layer adds to the graph: its output, and for a softmax or sigmoid layer the values before
 * the activation, from which a cross-entropy loss is computed more accurately (as Keras does).
 */
record LayerOutput(Operand<TFloat32> output, Operand<TFloat32> logits, String activation) {
    static LayerOutput of(Operand<TFloat32> output) {
        return new LayerOutput(output, null, "linear");
    }
}
