package io.jotter.pool.catalog;

/** What a runtime type's accelerators are; {@code CPU} types have none. */
public enum AcceleratorKind {
    CPU, GPU, TPU;

    /** The word users read: "CPU", "GPU", "TPU". */
    public String label() {
        return name();
    }
}
