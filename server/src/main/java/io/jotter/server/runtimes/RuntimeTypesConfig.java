package io.jotter.server.runtimes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Changes to the runtime type catalog ({@code io.jotter.pool.catalog.RuntimeCatalog#defaults()}): any field of a
 * default type, or a new type given in full, for example {@code jotter.runtime-types.gpu-t4.units-per-hour=2}. A
 * new GPU or TPU type tolerates the taint named after its accelerator resource, as GKE's node pools are tainted;
 * infra/k8s/overlays/tpu adds a TPU type this way (the defaults have none: TensorFlow Java cannot use a TPU).
 */
@ConfigMapping(prefix = "jotter.runtime-types")
public interface RuntimeTypesConfig {
    /** By type name. */
    @WithParentName
    Map<String, TypeConfig> types();

    interface TypeConfig {
        /** What the runtime picker shows. */
        Optional<String> displayName();

        /** cpu, gpu or tpu. */
        Optional<String> kind();

        /** Accelerator devices per runtime. */
        Optional<Integer> accelerators();

        /** CPU per runtime, in thousandths of a core. */
        Optional<Integer> milliCpus();

        /** Memory per runtime, MiB. */
        Optional<Long> memoryMib();

        /** The Kubernetes extended resource, such as nvidia.com/gpu. */
        Optional<String> acceleratorResource();

        /** Node labels a pod of this type needs. */
        Map<String, String> nodeSelector();

        /** Compute units an hour costs a paid tier. */
        Optional<BigDecimal> unitsPerHour();
    }
}
