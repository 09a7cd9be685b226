package io.jotter.learn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.framework.activations.Activation;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Activation functions by their Keras names, computed by {@code tensorflow-framework}'s activations. */
final class Activations {
    static final List<String> NAMES = List.of("relu", "sigmoid", "tanh", "softmax", "linear",
            "elu", "selu", "softplus", "softsign", "swish", "gelu", "exponential", "hard_sigmoid");

    private Activations() {
    }

    /** The name, checked; null means "linear", as in Keras. */
    static String check(String name) {
        if (name == null) {
            return "linear";
        }
        String lower = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (!NAMES.contains(lower)) {
            throw new IllegalArgumentException("unknown activation \"" + name + "\"; use one of " + NAMES);
        }
        return lower;
    }

    static <T extends TFloating> LayerOutput apply(Ops tf, String name, Operand<T> z) {
        if (name.equals("linear")) {
            return new LayerOutput(z, null, name);
        }
        Operand<T> output = Activation.create(name).call(tf, z);
        boolean probabilities = name.equals("softmax") || name.equals("sigmoid");
        return new LayerOutput(output, probabilities ? z : null, name);
    }
}
