package io.jotter.server.runtimes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jotter.pool.catalog.RuntimeCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalGpusTest {
    @Test
    void eachGpuNvidiaSmiListsRunsTheCatalogsTypeForItsModel() {
        String csv = """
                0, NVIDIA H200
                1, NVIDIA A100-SXM4-40GB
                2, Tesla T4
                3, NVIDIA L4
                """;
        assertEquals(List.of(new LocalGpus.Gpu(0, "NVIDIA H200", "gpu-h100"),
                        new LocalGpus.Gpu(1, "NVIDIA A100-SXM4-40GB", "gpu-a100"),
                        new LocalGpus.Gpu(2, "Tesla T4", "gpu-t4"),
                        new LocalGpus.Gpu(3, "NVIDIA L4", "gpu-l4")),
                LocalGpus.parse(csv, RuntimeCatalog.defaults()));
    }

    @Test
    void aMachineWithoutGpusOrAnErrorOffersNone() {
        assertEquals(List.of(), LocalGpus.parse("NVIDIA-SMI has failed because it couldn't communicate with the "
                + "NVIDIA driver.\n", RuntimeCatalog.defaults()));
        assertEquals(List.of(), LocalGpus.parse("", RuntimeCatalog.defaults().only(List.of("cpu")).with(List.of())));
    }

    @Test
    void eachGpuRuntimeGetsADeviceOfItsOwnUntilItStops() {
        LocalPool pool = new LocalPool(java.util.Map.of("cpu", 8), LocalGpus.parse("0, Tesla T4\n1, Tesla T4\n",
                RuntimeCatalog.defaults()));
        assertEquals(java.util.Map.of("cpu", 8, "gpu-t4", 2), pool.capacity());
        assertEquals(0, pool.takeGpu("gpu-t4", "a").orElseThrow());
        assertEquals(1, pool.takeGpu("gpu-t4", "b").orElseThrow());
        assertEquals(java.util.Optional.empty(), pool.takeGpu("gpu-t4", "c"));
        pool.releaseGpu("a");
        assertEquals(0, pool.takeGpu("gpu-t4", "c").orElseThrow());
    }
}
