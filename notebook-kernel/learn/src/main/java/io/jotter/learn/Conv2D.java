package io.jotter.learn;

import java.util.List;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Glorot;
import org.tensorflow.framework.initializers.VarianceScaling;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * A 2-D convolution over images of shape (height, width, channels), stride 1: {@code filters}
 * kernels of {@code kernelSize × kernelSize}, a bias per filter, then the activation. Padding
 * "valid" (the default) shrinks the image by {@code kernelSize - 1}; "same" keeps its size.
 */
public final class Conv2D extends Layer {
    private final int filters;
    private final int kernelSize;
    private final String activation;
    private final String padding;

    public Conv2D(int filters, int kernelSize) {
        this(filters, kernelSize, "linear", "valid");
    }

    public Conv2D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize, activation, "valid");
    }

    public Conv2D(int filters, int kernelSize, String activation, String padding) {
        if (filters <= 0 || kernelSize <= 0) {
            throw new IllegalArgumentException("Conv2D needs at least one filter of at least 1×1, not "
                    + filters + " filters of " + kernelSize + "×" + kernelSize);
        }
        String p = padding == null ? "valid" : padding.toLowerCase(Locale.ROOT);
        if (!p.equals("valid") && !p.equals("same")) {
            throw new IllegalArgumentException("Conv2D padding is \"valid\" or \"same\", not \"" + padding + "\"");
        }
        this.filters = filters;
        this.kernelSize = kernelSize;
        this.activation = Activations.check(activation);
        this.padding = p;
    }

    @Override
    String kind() {
        return "conv2d";
    }

    @Override
    long[] outputShape(long[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException(describe() + " takes images of shape (height, width, channels), but its input has shape "
                    + Shapes.format(inputShape) + "; for the digits use Datasets.digits().images(), shape (8, 8, 1)");
        }
        long shrink = padding.equals("same") ? 0 : kernelSize - 1;
        long height = inputShape[0] - shrink;
        long width = inputShape[1] - shrink;
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(describe() + ": a " + kernelSize + "×" + kernelSize
                    + " kernel does not fit an input of shape " + Shapes.format(inputShape));
        }
        return new long[] {height, width, filters};
    }

    @Override
    long parameterCount(long[] inputShape) {
        return (long) kernelSize * kernelSize * inputShape[2] * filters + filters;
    }

    @Override
    <T extends TFloating> LayerOutput build(LayerContext<T> context, Operand<? extends TFloating> input, long[] inputShape) {
        Ops tf = context.tf();
        Ops init = tf.withInitScope();
        var glorot = new Glorot<TFloat32>(VarianceScaling.Distribution.UNIFORM, context.seed());
        var kernel = own(tf.withName(name() + "_kernel").variable(glorot.call(init,
                init.constant(Shape.of(kernelSize, kernelSize, inputShape[2], filters)), TFloat32.class)));
        var bias = own(tf.withName(name() + "_bias").variable(
                init.zeros(init.constant(new long[] {filters}), TFloat32.class)));
        Operand<T> z = tf.nn.biasAdd(tf.nn.conv2d(context.compute(input), context.compute(kernel), List.of(1L, 1L, 1L, 1L),
                padding.toUpperCase(Locale.ROOT)), context.compute(bias));
        return context.activate(activation, z);
    }

    @Override
    String spec() {
        return "filters=" + filters + " kernelSize=" + kernelSize + " activation=" + activation + " padding=" + padding;
    }
}
