package io.jotter.pool.catalog;

import java.util.Objects;

/**
 * A Kubernetes toleration a kernel pod of this type carries, so it may land on a tainted accelerator node pool
 * (GKE taints GPU nodes with {@code nvidia.com/gpu=present:NoSchedule}).
 *
 * @param key the taint's key
 * @param operator {@code Exists} or {@code Equal}
 * @param value the taint's value for {@code Equal}; empty for {@code Exists}
 * @param effect {@code NoSchedule}, {@code PreferNoSchedule} or {@code NoExecute}; empty matches all
 */
public record Toleration(String key, String operator, String value, String effect) {
    public Toleration {
        Objects.requireNonNull(key, "key");
        if (!operator.equals("Exists") && !operator.equals("Equal")) {
            throw new IllegalArgumentException("toleration operator must be Exists or Equal: " + operator);
        }
        value = value == null ? "" : value;
        effect = effect == null ? "" : effect;
    }

    /** Tolerates any taint with this key and effect. */
    public static Toleration exists(String key, String effect) {
        return new Toleration(key, "Exists", "", effect);
    }
}
