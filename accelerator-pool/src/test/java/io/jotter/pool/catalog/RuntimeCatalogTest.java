package io.jotter.pool.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeCatalogTest {
    @Test
    void theDefaultsOfferCpuAndGpuTypesWithWhatKubernetesNeeds() {
        RuntimeCatalog catalog = RuntimeCatalog.defaults();
        assertEquals(List.of("cpu", "cpu-highmem", "gpu-t4", "gpu-l4", "gpu-a100", "gpu-h100"),
                catalog.all().stream().map(RuntimeType::name).toList());
        RuntimeType t4 = catalog.get("gpu-t4");
        assertEquals("nvidia.com/gpu", t4.acceleratorResource());
        assertEquals(Map.of("cloud.google.com/gke-accelerator", "nvidia-tesla-t4"), t4.nodeSelector());
        assertEquals("nvidia.com/gpu", t4.tolerations().get(0).key());
        // TensorFlow Java cannot drive a TPU: no type is offered that its kernel cannot use.
        assertTrue(catalog.all().stream().noneMatch(type -> type.kind() == AcceleratorKind.TPU));
        assertTrue(catalog.get("gpu-a100").computeUnitsPerHour().compareTo(t4.computeUnitsPerHour()) > 0);
        assertTrue(!catalog.get("cpu").isAccelerated() && t4.isAccelerated());
    }

    @Test
    void anUnknownTypeIsRefusedNamingTheOffer() {
        RuntimeCatalog catalog = RuntimeCatalog.defaults().only(List.of("cpu", "gpu-t4"));
        UnknownRuntimeTypeException e = assertThrows(UnknownRuntimeTypeException.class, () -> catalog.get("gpu-b200"));
        assertEquals("there is no runtime type named gpu-b200; this server offers cpu, gpu-t4", e.getMessage());
    }

    @Test
    void configurationReplacesATypeAndAddsNewOnesAtTheEnd() {
        RuntimeType cheaperCpu = new RuntimeType("cpu", "CPU", AcceleratorKind.CPU, 0, 1000, 4096, "", null, null,
                BigDecimal.ZERO);
        RuntimeType b200 = new RuntimeType("gpu-b200", "NVIDIA B200", AcceleratorKind.GPU, 1, 8000, 65_536,
                "nvidia.com/gpu", Map.of(), List.of(), new BigDecimal("30"));
        RuntimeCatalog catalog = RuntimeCatalog.defaults().with(List.of(cheaperCpu, b200));
        assertEquals(BigDecimal.ZERO, catalog.get("cpu").computeUnitsPerHour());
        assertEquals("cpu", catalog.all().get(0).name());
        assertEquals("gpu-b200", catalog.all().get(catalog.all().size() - 1).name());
    }

    @Test
    void configurationMayStillAddATpuType() {
        RuntimeType tpu = new RuntimeType("tpu-v5e-1", "TPU v5e (1 chip)", AcceleratorKind.TPU, 1, 24_000, 49_152,
                "google.com/tpu", Map.of("cloud.google.com/gke-tpu-accelerator", "tpu-v5-lite-podslice"),
                List.of(Toleration.exists("google.com/tpu", "NoSchedule")), new BigDecimal("3.60"));
        RuntimeType added = RuntimeCatalog.defaults().with(List.of(tpu)).get("tpu-v5e-1");
        assertEquals("google.com/tpu", added.acceleratorResource());
        assertTrue(added.isAccelerated());
    }

    @Test
    void typesThatContradictThemselvesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RuntimeType("gpu-x", "X", AcceleratorKind.GPU, 1, 1000,
                1024, "", Map.of(), List.of(), BigDecimal.ONE));
        assertThrows(IllegalArgumentException.class, () -> new RuntimeType("cpu-x", "X", AcceleratorKind.CPU, 2, 1000,
                1024, "", Map.of(), List.of(), BigDecimal.ONE));
        assertThrows(IllegalArgumentException.class, () -> new RuntimeType("Bad Name", "X", AcceleratorKind.CPU, 0,
                1000, 1024, "", Map.of(), List.of(), BigDecimal.ONE));
    }
}
