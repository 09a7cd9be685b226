package io.jotter.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Dynamic loss scaling on a two-weight graph whose gradient is fed: loss = mean(w × k), so dloss/dw = k / 2. */
class OptimizerStepTest {
    private static final int GROWTH_INTERVAL = 3;

    /** One graph, one session: the weights, the fed factor k, and a loss-scaled (or plain) step. */
    private static final class Fixture implements AutoCloseable {
        final Graph graph = new Graph();
        final Session session;
        final Placeholder<TFloat32> k;
        final Variable<TFloat32> w;
        final Op train;

        Fixture(boolean lossScaled, boolean adam) {
            Ops tf = Ops.create(graph);
            w = tf.withName("w").variable(tf.withInitScope().constant(new float[] {1f, 2f}));
            k = tf.placeholder(TFloat32.class);
            var loss = tf.math.mean(tf.math.mul(w, k), tf.constant(0));
            Optimizer optimizer = adam ? Optimizer.adam(0.1) : Optimizer.sgd(0.1);
            List<Output<?>> trainable = List.of(w.asOutput());
            train = lossScaled ? OptimizerStep.lossScaled(graph, tf, loss, trainable, optimizer.createSkippable(graph), GROWTH_INTERVAL)
                    : OptimizerStep.plain(graph, loss, trainable, optimizer.create(graph));
            session = new Session(graph);
            session.initialize();
        }

        void step(float kValue) {
            try (TFloat32 value = TFloat32.scalarOf(kValue)) {
                session.runner().feed(k, value).addTarget(train).run().close();
            }
        }

        float[] weights() {
            return floats("w", 2);
        }

        float scale() {
            return floats(OptimizerStep.SCALE_VARIABLE, 1)[0];
        }

        float[] floats(String name, int count) {
            try (Result result = session.runner().fetch(name).run()) {
                float[] values = new float[count];
                ((TFloat32) result.get(0)).copyTo(DataBuffers.of(values, false, false));
                return values;
            }
        }

        @Override
        public void close() {
            session.close();
            graph.close();
        }
    }

    @Test
    void theScaledStepAppliesTheUnscaledGradient() {
        try (Fixture scaled = new Fixture(true, false); Fixture plain = new Fixture(false, false)) {
            assertEquals(OptimizerStep.INITIAL_SCALE, scaled.scale());
            for (float kValue : new float[] {1f, -3f, 0.001f}) {
                scaled.step(kValue);
                plain.step(kValue);
            }
            // Scaling by a power of two and back is exact in float32.
            assertArrayEquals(plain.weights(), scaled.weights());
        }
    }

    @Test
    void anOverflowSkipsTheStepAndHalvesTheScaleThenFiniteStepsDoubleIt() {
        try (Fixture f = new Fixture(true, true)) {
            f.step(1f);
            float[] afterOne = f.weights();
            float[] moment = f.floats("w-m", 2);
            float beta1Power = f.floats("beta1_power", 1)[0];
            f.step(Float.POSITIVE_INFINITY);
            f.step(Float.NaN);
            assertArrayEquals(afterOne, f.weights(), "skipped: the weights stay");
            assertArrayEquals(moment, f.floats("w-m", 2), "and Adam's moments too");
            assertEquals(beta1Power, f.floats("beta1_power", 1)[0], "and its step count");
            assertEquals(OptimizerStep.INITIAL_SCALE / 4, f.scale(), "halved twice");
            f.step(1f);
            f.step(1f);
            assertEquals(OptimizerStep.INITIAL_SCALE / 4, f.scale(), "two finite steps are not yet " + GROWTH_INTERVAL);
            f.step(1f);
            assertEquals(OptimizerStep.INITIAL_SCALE / 2, f.scale(), "doubled after " + GROWTH_INTERVAL);
            assertEquals(afterOne[0] - 0.1f * 3, f.weights()[0], 1e-4f, "three more Adam steps of the learning rate: none was counted twice");
        }
    }
}
