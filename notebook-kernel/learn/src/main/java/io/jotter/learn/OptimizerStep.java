package io.jotter.learn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * The training step in the graph: TensorFlow's own gradients of the loss, applied by the
 * framework's optimizer (Adam keeps its moments in the graph); with loss scaling, as Keras's
 * LossScaleOptimizer does it for float16, all in the graph so a step stays one session run.
 */
final class OptimizerStep {
    /** Keras's initial loss scale, 2^15. */
    static final float INITIAL_SCALE = 32768f;
    /** Keras's steps without an overflow before the scale doubles. */
    static final int GROWTH_INTERVAL = 2000;
    static final String SCALE_VARIABLE = "loss_scale";

    private OptimizerStep() {
    }

    /** {@code optimizer} applied to the gradients of {@code loss}, named "train". */
    static Op plain(Graph graph, Operand<TFloat32> loss, List<Output<?>> trainable, Optimizer optimizer) {
        Output<?>[] gradients = graph.addGradients(loss.asOutput(), trainable.toArray(new Output<?>[0]));
        List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
        for (int i = 0; i < gradients.length; i++) {
            pairs.add(pair(gradients[i], trainable.get(i)));
        }
        return optimizer.applyGradients(pairs, "train");
    }

    /**
     * Dynamic loss scaling: the gradients of {@code loss × scale}, divided by the scale, are applied
     * only when all are finite (the step is skipped otherwise: no weight or optimizer state changes,
     * since the update ops sit behind a Switch on that test and do not run). A step with a
     * non-finite gradient halves the scale (not below 1); {@code growthInterval} finite steps in a
     * row double it. {@code optimizer} must make every change wait for its weight updates
     * ({@link io.jotter.learn.Optimizer#createSkippable}).
     */
    static Op lossScaled(Graph graph, Ops tf, Operand<TFloat32> loss, List<Output<?>> trainable, Optimizer optimizer,
            int growthInterval) {
        Variable<TFloat32> scale = tf.withName(SCALE_VARIABLE).variable(tf.withInitScope().constant(INITIAL_SCALE));
        Variable<TFloat32> goodSteps = tf.withName("loss_scale_good_steps").variable(tf.withInitScope().constant(0f));
        Operand<TFloat32> scaled = tf.withName("scaled_loss").math.mul(loss, scale);
        Output<?>[] gradients = graph.addGradients(scaled.asOutput(), trainable.toArray(new Output<?>[0]));
        List<Operand<TFloat32>> unscaled = new ArrayList<>();
        Operand<TBool> finite = tf.constant(true);
        for (Output<?> gradient : gradients) {
            Operand<TFloat32> g = tf.math.div(float32(gradient), scale);
            unscaled.add(g);
            finite = tf.math.logicalAnd(finite, tf.reduceAll(tf.math.isFinite(g), tf.range(tf.constant(0), tf.rank(g), tf.constant(1))));
        }
        finite = tf.withName("gradients_finite").identity(finite);
        List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
        for (int i = 0; i < unscaled.size(); i++) {
            pairs.add(pair(tf.switchCond(unscaled.get(i), finite).outputTrue(), trainable.get(i)));
        }
        Op apply = optimizer.applyGradients(pairs, "apply_gradients");

        Operand<TFloat32> steps = tf.math.add(goodSteps, tf.constant(1f));
        Operand<TBool> grow = tf.math.greaterEqual(steps, tf.constant((float) growthInterval));
        Operand<TFloat32> newScale = tf.select(finite, tf.select(grow, tf.math.mul(scale, tf.constant(2f)), scale),
                tf.math.maximum(tf.math.div(scale, tf.constant(2f)), tf.constant(1f)));
        Operand<TFloat32> newSteps = tf.select(finite, tf.select(grow, tf.constant(0f), steps), tf.constant(0f));
        // After every gradient is unscaled (the finiteness test reads them all), so this step used the old scale.
        Ops after = tf.withControlDependencies(List.<Op>of(finite));
        Op updateScale = after.assign(scale, newScale);
        Op updateSteps = after.assign(goodSteps, newSteps);
        return tf.withName("train").withControlDependencies(List.of(apply, updateScale, updateSteps)).noOp();
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> float32(Output<?> gradient) {
        return (Output<TFloat32>) gradient; // gradients of float32 variables are float32, through any casts
    }

    @SuppressWarnings("unchecked")
    private static GradAndVar<TFloat32> pair(Output<?> gradient, Output<?> variable) {
        return new GradAndVar<>((Output<TFloat32>) gradient, (Output<TFloat32>) variable);
    }
}
