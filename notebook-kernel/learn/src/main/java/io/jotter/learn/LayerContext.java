package io.jotter.learn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What a layer needs to build itself: the graph's ops, the learning phase (1 while training, 0
 * otherwise; Dropout reads it) and a seed of its own, so a model built twice starts the same.
 */
record LayerContext(Ops tf, Operand<TFloat32> learningPhase, long seed) {
}
