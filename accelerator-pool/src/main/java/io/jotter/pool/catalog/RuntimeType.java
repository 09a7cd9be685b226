package io.jotter.pool.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One kind of runtime a user can ask for, as "Change runtime type" lists it.
 *
 * @param name the id used in requests, configuration and the ledger: lower case, digits and {@code -}
 * @param displayName what the runtime picker shows, for example "NVIDIA T4 GPU"
 * @param kind CPU, GPU or TPU
 * @param accelerators how many accelerator devices one runtime gets; 0 for CPU types
 * @param milliCpus CPU the kernel may use, in thousandths of a core (Kubernetes' {@code 2000m})
 * @param memoryMiB memory the kernel may use
 * @param acceleratorResource the Kubernetes extended resource the pod requests ({@code nvidia.com/gpu},
 *     {@code google.com/tpu}); empty for CPU types
 * @param nodeSelector node labels a pod of this type needs
 * @param tolerations taints a pod of this type tolerates
 * @param computeUnitsPerHour what one hour costs a paid tier; free tiers count accelerator hours instead
 */
public record RuntimeType(String name, String displayName, AcceleratorKind kind, int accelerators, int milliCpus,
                          long memoryMiB, String acceleratorResource, Map<String, String> nodeSelector,
                          List<Toleration> tolerations, BigDecimal computeUnitsPerHour) {
    public RuntimeType {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("a runtime type's name is 1 to 40 of [a-z0-9-]: " + name);
        }
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(kind, "kind");
        acceleratorResource = acceleratorResource == null ? "" : acceleratorResource;
        if ((kind == AcceleratorKind.CPU) != (accelerators == 0)) {
            throw new IllegalArgumentException(name + ": CPU types have no accelerators, others at least one");
        }
        if (kind != AcceleratorKind.CPU && acceleratorResource.isEmpty()) {
            throw new IllegalArgumentException(name + ": an accelerator type names its Kubernetes resource");
        }
        if (milliCpus <= 0 || memoryMiB <= 0) {
            throw new IllegalArgumentException(name + ": CPU and memory must be positive");
        }
        if (computeUnitsPerHour == null || computeUnitsPerHour.signum() < 0) {
            throw new IllegalArgumentException(name + ": compute units per hour must be zero or more");
        }
        nodeSelector = Map.copyOf(nodeSelector == null ? Map.of() : nodeSelector);
        tolerations = List.copyOf(tolerations == null ? List.of() : tolerations);
    }

    /** Whether this type holds accelerators: what free tiers count in hours and what preemption may take back. */
    public boolean isAccelerated() {
        return kind != AcceleratorKind.CPU;
    }
}
