package io.jotter.learn;

import java.util.List;

/** What {@code compile} chose: how to train, what to minimise, what to report, which number type the layers compute in. */
record Compilation(Optimizer optimizer, Loss loss, List<Metric> metrics, Precision precision) {
    Compilation {
        metrics = List.copyOf(metrics);
        if (metrics.contains(Metric.ACCURACY) && loss == Loss.MEAN_SQUARED_ERROR) {
            throw new IllegalArgumentException("accuracy needs a classification loss (sparse_categorical_crossentropy, "
                    + "categorical_crossentropy or binary_crossentropy); for regression with mse, use \"mae\"");
        }
    }
}
