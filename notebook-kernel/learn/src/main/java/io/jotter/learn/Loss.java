package io.jotter.learn;

import java.util.Arrays;
import java.util.Locale;
import org.tensorflow.framework.losses.BinaryCrossentropy;
import org.tensorflow.framework.losses.CategoricalCrossentropy;
import org.tensorflow.framework.losses.MeanSquaredError;
import org.tensorflow.framework.losses.SparseCategoricalCrossentropy;

/**
 * What training minimises, by Keras's names. Each is {@code tensorflow-framework}'s loss, averaged
 * over the batch.
 */
public enum Loss {
    /** Labels are class numbers 0, 1, 2... (an {@code int[]}); the last layer has one output per class. */
    SPARSE_CATEGORICAL_CROSSENTROPY("sparse_categorical_crossentropy"),
    /** Labels are one-hot rows ({@code float[][]}), as wide as the last layer. */
    CATEGORICAL_CROSSENTROPY("categorical_crossentropy"),
    /** Labels are 0 or 1; the last layer has one output, usually with a sigmoid. */
    BINARY_CROSSENTROPY("binary_crossentropy"),
    /** Regression: the mean of the squared differences between outputs and targets. */
    MEAN_SQUARED_ERROR("mean_squared_error");

    private final String kerasName;

    Loss(String kerasName) {
        this.kerasName = kerasName;
    }

    public String kerasName() {
        return kerasName;
    }

    /** By Keras name: "sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy", "mse"... */
    public static Loss of(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("mse")) {
            return MEAN_SQUARED_ERROR;
        }
        return Arrays.stream(values()).filter(l -> l.kerasName.equals(key) || l.name().toLowerCase(Locale.ROOT).equals(key))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown loss \"" + name + "\"; use one of "
                        + Arrays.stream(values()).map(Loss::kerasName).toList() + " or \"mse\""));
    }

    /** Whether the labels are class numbers, one per sample, rather than rows as wide as the output. */
    boolean sparse() {
        return this == SPARSE_CATEGORICAL_CROSSENTROPY;
    }

    /**
     * The framework's loss. With {@code fromLogits} it takes the values before the last softmax or
     * sigmoid, which is more accurate than taking probabilities.
     */
    org.tensorflow.framework.losses.Loss create(boolean fromLogits) {
        return switch (this) {
            case SPARSE_CATEGORICAL_CROSSENTROPY -> new SparseCategoricalCrossentropy(fromLogits);
            case CATEGORICAL_CROSSENTROPY -> new CategoricalCrossentropy(fromLogits);
            case BINARY_CROSSENTROPY -> new BinaryCrossentropy(fromLogits);
            case MEAN_SQUARED_ERROR -> new MeanSquaredError();
        };
    }

    /** The activation of the last layer whose logits this loss can take instead. */
    boolean takesLogitsOf(String activation) {
        return switch (this) {
            case SPARSE_CATEGORICAL_CROSSENTROPY, CATEGORICAL_CROSSENTROPY -> activation.equals("softmax");
            case BINARY_CROSSENTROPY -> activation.equals("sigmoid");
            case MEAN_SQUARED_ERROR -> false;
        };
    }

    @Override
    public String toString() {
        return kerasName;
    }
}
