package io.jotter.learn;

import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Glorot;
import org.tensorflow.framework.initializers.VarianceScaling;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * A fully connected layer: {@code activation(input × kernel + bias)}, with a {@code (inputs, units)}
 * kernel initialised Glorot-uniform and a zero bias, as Keras does. Takes flat samples; put a
 * {@link Flatten} before it for images.
 */
public final class Dense extends Layer {
    private final int units;
    private final String activation;

    /** {@code units} outputs, no activation ("linear"). */
    public Dense(int units) {
        this(units, "linear");
    }

    /** {@code units} outputs through {@code activation}: relu, sigmoid, tanh, softmax, linear... */
    public Dense(int units, String activation) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense needs at least one unit, not " + units);
        }
        this.units = units;
        this.activation = Activations.check(activation);
    }

    public int units() {
        return units;
    }

    public String activation() {
        return activation;
    }

    @Override
    String kind() {
        return "dense";
    }

    @Override
    long[] outputShape(long[] inputShape) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException(describe() + " takes flat samples, but its input has shape "
                    + Shapes.format(inputShape) + ": put a Flatten() before it");
        }
        return new long[] {units};
    }

    @Override
    long parameterCount(long[] inputShape) {
        return inputShape[0] * units + units;
    }

    @Override
    <T extends TFloating> LayerOutput build(LayerContext<T> context, Operand<? extends TFloating> input, long[] inputShape) {
        Ops tf = context.tf();
        Ops init = tf.withInitScope();
        var glorot = new Glorot<TFloat32>(VarianceScaling.Distribution.UNIFORM, context.seed());
        var kernel = own(tf.withName(name() + "_kernel").variable(
                glorot.call(init, init.constant(Shape.of(inputShape[0], units)), TFloat32.class)));
        var bias = own(tf.withName(name() + "_bias").variable(
                init.zeros(init.constant(new long[] {units}), TFloat32.class)));
        Operand<T> z = tf.math.add(tf.linalg.matMul(context.compute(input), context.compute(kernel)), context.compute(bias));
        return context.activate(activation, z);
    }

    @Override
    String spec() {
        return "units=" + units + " activation=" + activation;
    }
}
