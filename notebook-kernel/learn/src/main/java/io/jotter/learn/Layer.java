package io.jotter.learn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * One layer of a {@link Sequential} model. A layer object belongs to one model: adding it names it
 * ({@code dense_1}, {@code dense_2}...), and building the model gives it its TensorFlow variables.
 *
 * <p>Shapes here never include the batch: a Dense layer on 64 features has input shape {@code (64)}.
 */
public abstract sealed class Layer permits Input, Dense, Flatten, Dropout, Conv2D, MaxPooling2D {
    private String name;
    private boolean trainable = true;
    private final List<Variable<TFloat32>> variables = new ArrayList<>();

    Layer() {
    }

    /** This layer's name in its model, such as {@code dense_1}; null until it is added to a model. */
    public String name() {
        return name;
    }

    /**
     * Freezes ({@code false}) or unfreezes this layer's weights: training leaves a frozen layer as it
     * is, which is how a loaded model is fine-tuned. Takes effect at the next {@code fit}.
     */
    public Layer trainable(boolean trainable) {
        this.trainable = trainable;
        return this;
    }

    public boolean isTrainable() {
        return trainable;
    }

    /** The lower-case kind that names layers of this type, such as {@code dense}. */
    abstract String kind();

    /** This layer's output shape for an input of {@code inputShape}; throws naming the layer if it cannot take it. */
    abstract long[] outputShape(long[] inputShape);

    /** How many numbers this layer learns for an input of {@code inputShape}. */
    abstract long parameterCount(long[] inputShape);

    /**
     * Adds this layer's operations to the graph, computing in the context's type (its input may be in
     * another; {@link LayerContext#compute} casts it); the float32 variables it makes are registered
     * with {@link #own}.
     */
    abstract <T extends TFloating> LayerOutput build(LayerContext<T> context, Operand<? extends TFloating> input, long[] inputShape);

    /** This layer's settings in the form {@link ModelSpec} reads back, without its name. */
    abstract String spec();

    void name(String name) {
        this.name = name;
    }

    /** The variables of the latest build, in a fixed order (kernel before bias). */
    List<Variable<TFloat32>> variables() {
        return variables;
    }

    void clearVariables() {
        variables.clear();
    }

    Variable<TFloat32> own(Variable<TFloat32> variable) {
        variables.add(variable);
        return variable;
    }

    /** "Dense 'dense_1'": how error messages name this layer. */
    String describe() {
        return getClass().getSimpleName() + (name == null ? "" : " '" + name + "'");
    }

    @Override
    public String toString() {
        return describe() + " " + spec();
    }
}
