package io.jotter.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.GradientDescent;
import org.tensorflow.framework.optimizers.Momentum;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * How training changes the weights: {@link #adam()} or {@link #sgd(double)}. A description only;
 * the {@code tensorflow-framework} optimizer is made when the model's graph is built.
 */
public final class Optimizer {
    private final String name;
    private final double learningRate;
    private final double momentum;

    private Optimizer(String name, double learningRate, double momentum) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException(name + " learning rate must be above 0, not " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException(name + " momentum must be at least 0 and below 1, not " + momentum);
        }
        this.name = name;
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    /** Adam with Keras's default learning rate, 0.001. */
    public static Optimizer adam() {
        return adam(0.001);
    }

    public static Optimizer adam(double learningRate) {
        return new Optimizer("adam", learningRate, 0);
    }

    /** Stochastic gradient descent with Keras's default learning rate, 0.01. */
    public static Optimizer sgd() {
        return sgd(0.01);
    }

    public static Optimizer sgd(double learningRate) {
        return new Optimizer("sgd", learningRate, 0);
    }

    public static Optimizer sgd(double learningRate, double momentum) {
        return new Optimizer("sgd", learningRate, momentum);
    }

    /** "adam" or "sgd", with their default learning rates. */
    public static Optimizer of(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "adam" -> adam();
            case "sgd" -> sgd();
            default -> throw new IllegalArgumentException("unknown optimizer \"" + name + "\"; use \"adam\" or \"sgd\"");
        };
    }

    public String name() {
        return name;
    }

    public double learningRate() {
        return learningRate;
    }

    org.tensorflow.framework.optimizers.Optimizer create(Graph graph) {
        if (name.equals("adam")) {
            return new Adam(graph, (float) learningRate);
        }
        return momentum == 0 ? new GradientDescent(graph, (float) learningRate)
                : new Momentum(graph, (float) learningRate, (float) momentum);
    }

    /**
     * The framework's optimizer for a step that may be skipped ({@link OptimizerStep#lossScaled}):
     * every change it makes waits for the weight updates, so a step whose updates do not run changes
     * nothing. SGD and momentum are so already; Adam needs {@link SkippableAdam}.
     */
    org.tensorflow.framework.optimizers.Optimizer createSkippable(Graph graph) {
        return name.equals("adam") ? new SkippableAdam(graph, (float) learningRate) : create(graph);
    }

    /**
     * Adam whose step counters (beta1^t and beta2^t) advance after the weight updates. The
     * framework's Adam (tensorflow-framework 1.1.0) advances them with no dependency on the updates,
     * which would count a step that loss scaling skipped and shrink the next steps' bias correction.
     */
    private static final class SkippableAdam extends Adam {
        SkippableAdam(Graph graph, float learningRate) {
            super(graph, learningRate);
        }

        @Override
        protected Op finish(List<Op> updates, String name) {
            Ops after = getTF().withControlDependencies(updates);
            List<Op> all = new ArrayList<>(updates);
            all.add(advance(after, "beta1_power", BETA_ONE_DEFAULT));
            all.add(advance(after, "beta2_power", BETA_TWO_DEFAULT));
            return getTF().withName(name).withControlDependencies(all).noOp();
        }

        /** power *= beta, for the variable Adam made under that name (its fields are private). */
        private Op advance(Ops tf, String variable, float beta) {
            GraphOperation power = graph.operation(variable);
            if (power == null) {
                throw new IllegalStateException("tensorflow-framework's Adam has no variable " + variable + " any more");
            }
            Output<TFloat32> value = power.output(0);
            return tf.assign(value, tf.math.mul(value, tf.constant(beta)));
        }
    }

    /** The form {@link #parse} reads back. */
    String spec() {
        return name + ":" + learningRate + ":" + momentum;
    }

    static Optimizer parse(String spec) {
        String[] parts = spec.split(":");
        return new Optimizer(parts[0], Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
    }

    @Override
    public String toString() {
        return name + "(learningRate=" + learningRate + (momentum == 0 ? "" : ", momentum=" + momentum) + ")";
    }
}
