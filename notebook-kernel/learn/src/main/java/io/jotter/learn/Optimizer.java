package io.jotter.learn;

import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.GradientDescent;
import org.tensorflow.framework.optimizers.Momentum;

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
