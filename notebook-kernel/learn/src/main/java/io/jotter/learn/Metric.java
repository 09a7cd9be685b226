package io.jotter.learn;

import java.util.Locale;

/** What {@code fit} and {@code evaluate} report besides the loss. */
public enum Metric {
    /** The share of samples classified right; how depends on the loss, as in Keras. */
    ACCURACY("accuracy"),
    /** Mean absolute error, for regression. */
    MEAN_ABSOLUTE_ERROR("mae");

    private final String key;

    Metric(String key) {
        this.key = key;
    }

    /** The name in {@link History} and in {@code evaluate}'s result: "accuracy", "mae". */
    public String key() {
        return key;
    }

    public static Metric of(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "accuracy", "acc" -> ACCURACY;
            case "mae", "mean_absolute_error" -> MEAN_ABSOLUTE_ERROR;
            default -> throw new IllegalArgumentException("unknown metric \"" + name + "\"; use \"accuracy\" or \"mae\"");
        };
    }

    @Override
    public String toString() {
        return key;
    }
}
