package io.jotter.learn;

import java.util.Arrays;
import java.util.Locale;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * Which number type the layers compute in, by Keras's policy names; one option of {@code compile}:
 * <pre>{@code
 * model.compile("adam", "sparse_categorical_crossentropy", Precision.MIXED_BFLOAT16, "accuracy");
 * model.compile(Optimizer.adam(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY, Precision.of("mixed_float16"), Metric.ACCURACY);
 * }</pre>
 *
 * <p>As in Keras's mixed precision, the weights stay float32 whatever the policy: each layer casts
 * its input and its weights to the compute type in the graph, and TensorFlow's gradients flow back
 * through the casts to the float32 weights, which the optimizer updates. The last layer's
 * activation (softmax, sigmoid...), the loss and the metrics are computed in float32, and
 * {@code predict} and the saved model's serving signature take and return float32.
 *
 * <p>Mixed precision pays on a GPU with tensor cores (float16 from NVIDIA's Volta on, bfloat16 from
 * Ampere on); on a CPU it runs, with about float32's accuracy, and rarely faster.
 */
public enum Precision {
    /** Everything in float32, the default. */
    FLOAT32("float32", TFloat32.class),
    /**
     * float16 compute, float32 weights, and dynamic loss scaling (as Keras's LossScaleOptimizer):
     * the loss is multiplied by a scale, 2^15 at first, before the gradients are taken, so small
     * gradients do not round to zero in float16, and the gradients are divided by it before they
     * are applied. A step whose gradients overflow to infinity or NaN is skipped and the scale
     * halved; after 2,000 steps in a row without one, the scale doubles.
     */
    MIXED_FLOAT16("mixed_float16", TFloat16.class),
    /** bfloat16 compute, float32 weights; bfloat16 has float32's range, so no loss scaling is needed. */
    MIXED_BFLOAT16("mixed_bfloat16", TBfloat16.class);

    private final String kerasName;
    private final Class<? extends TFloating> computeType;

    Precision(String kerasName, Class<? extends TFloating> computeType) {
        this.kerasName = kerasName;
        this.computeType = computeType;
    }

    /** The policy's name in Keras: "float32", "mixed_float16", "mixed_bfloat16". */
    public String kerasName() {
        return kerasName;
    }

    /** By Keras's policy name: "float32", "mixed_float16" or "mixed_bfloat16". */
    public static Precision of(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.kerasName.equals(key)).findFirst().orElseThrow(() -> {
            String hint = key.equals("float16") || key.equals("bfloat16")
                    ? " (the weights always stay float32 here, so the policy is \"mixed_" + key + "\")" : "";
            return new IllegalArgumentException("unknown precision policy \"" + name + "\"; use one of "
                    + Arrays.stream(values()).map(Precision::kerasName).toList() + hint);
        });
    }

    /** The type the layers compute in. */
    Class<? extends TFloating> computeType() {
        return computeType;
    }

    boolean mixed() {
        return this != FLOAT32;
    }

    /** Whether training scales the loss (float16's range is too small for small gradients). */
    boolean scalesTheLoss() {
        return this == MIXED_FLOAT16;
    }

    /** "bfloat16 compute, float32 weights": how the summary and fit's progress describe a mixed policy. */
    String describe() {
        if (!mixed()) {
            return "float32";
        }
        String compute = this == MIXED_FLOAT16 ? "float16" : "bfloat16";
        return compute + " compute, float32 weights" + (scalesTheLoss() ? ", dynamic loss scaling" : "");
    }

    @Override
    public String toString() {
        return kerasName;
    }
}
