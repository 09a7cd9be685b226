package io.jotter.pool.catalog;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The runtime types this installation offers, in the order the runtime picker lists them. */
public final class RuntimeCatalog {
    private static final String GKE_ACCELERATOR = "cloud.google.com/gke-accelerator";
    private static final List<Toleration> GPU_TOLERATIONS = List.of(Toleration.exists("nvidia.com/gpu", "NoSchedule"));

    private final Map<String, RuntimeType> types;
    private final List<RuntimeType> ordered;

    public RuntimeCatalog(Collection<RuntimeType> types) {
        Map<String, RuntimeType> byName = new LinkedHashMap<>();
        for (RuntimeType type : types) {
            if (byName.put(type.name(), type) != null) {
                throw new IllegalArgumentException("runtime type " + type.name() + " is defined twice");
            }
        }
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("the catalog needs at least one runtime type");
        }
        this.types = Map.copyOf(byName);
        this.ordered = List.copyOf(byName.values());
    }

    /**
     * Jotter's defaults: GKE's node labels and taints for each accelerator, and compute-unit rates of the order
     * hosted notebooks charge (a T4 hour is about 1.8 units, an A100 hour about 12). An operator overrides them in
     * the server's configuration. No TPU type: the kernel's TensorFlow Java has no TPU support, and no type is
     * offered that its kernel cannot use; configuration adds one for a kernel image that can.
     */
    public static RuntimeCatalog defaults() {
        return new RuntimeCatalog(List.of(
                new RuntimeType("cpu", "CPU", AcceleratorKind.CPU, 0, 2000, 12_288, "", Map.of(), List.of(), units("0.08")),
                new RuntimeType("cpu-highmem", "CPU, high memory", AcceleratorKind.CPU, 0, 8000, 51_200, "", Map.of(),
                        List.of(), units("0.20")),
                gpu("gpu-t4", "NVIDIA T4 GPU", "nvidia-tesla-t4", 4000, 15_360, "1.76"),
                gpu("gpu-l4", "NVIDIA L4 GPU", "nvidia-l4", 8000, 32_768, "4.82"),
                gpu("gpu-a100", "NVIDIA A100 GPU", "nvidia-tesla-a100", 12_000, 87_040, "11.77"),
                gpu("gpu-h100", "NVIDIA H100 GPU", "nvidia-h100-80gb", 24_000, 188_416, "18.00")));
    }

    private static RuntimeType gpu(String name, String displayName, String gkeLabel, int milliCpus, long memoryMiB,
                                   String rate) {
        return new RuntimeType(name, displayName, AcceleratorKind.GPU, 1, milliCpus, memoryMiB, "nvidia.com/gpu",
                Map.of(GKE_ACCELERATOR, gkeLabel), GPU_TOLERATIONS, units(rate));
    }

    private static BigDecimal units(String perHour) {
        return new BigDecimal(perHour);
    }

    /** The type of that name, if offered. */
    public Optional<RuntimeType> find(String name) {
        return Optional.ofNullable(name == null ? null : types.get(name));
    }

    /** The type of that name. @throws UnknownRuntimeTypeException when none is offered */
    public RuntimeType get(String name) {
        return find(name).orElseThrow(() -> new UnknownRuntimeTypeException(name, ordered));
    }

    /** All types, in picker order. */
    public List<RuntimeType> all() {
        return ordered;
    }

    /** This catalog with {@code replacements} taking the place of same-named types and new ones appended. */
    public RuntimeCatalog with(Collection<RuntimeType> replacements) {
        Map<String, RuntimeType> merged = new LinkedHashMap<>();
        ordered.forEach(type -> merged.put(type.name(), type));
        replacements.forEach(type -> merged.put(type.name(), type));
        return new RuntimeCatalog(merged.values());
    }

    /** This catalog keeping only the named types, in picker order. */
    public RuntimeCatalog only(Collection<String> names) {
        names.forEach(this::get);
        return new RuntimeCatalog(ordered.stream().filter(type -> names.contains(type.name())).toList());
    }
}
