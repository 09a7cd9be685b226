package io.jotter.server.runtimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A machine's GPUs as runtimes take them, and as an adopted runtime keeps the one it held. */
class LocalPoolTest {
    private final LocalPool pool = new LocalPool(Map.of(), List.of(new LocalGpus.Gpu(0, "NVIDIA A100", "gpu-a100"),
            new LocalGpus.Gpu(1, "NVIDIA A100", "gpu-a100")));

    @Test
    void anAdoptedRuntimeKeepsItsGpuAndNoOtherRuntimeIsGivenIt() {
        assertTrue(pool.holdGpu(1, "adopted"));
        assertTrue(pool.holdGpu(1, "adopted"), "holding it again is no conflict");
        assertEquals(Optional.of(0), pool.takeGpu("gpu-a100", "new"));
        assertEquals(Optional.empty(), pool.takeGpu("gpu-a100", "another"), "both GPUs are held");
        assertEquals(Optional.of(1), pool.heldBy("adopted"));
        pool.releaseGpu("adopted");
        assertEquals(Optional.of(1), pool.takeGpu("gpu-a100", "another"));
    }

    @Test
    void aGpuThisMachineLacksOrAnotherRuntimeHoldsIsNotHeld() {
        assertFalse(pool.holdGpu(7, "adopted"), "no GPU 7 here");
        assertEquals(Optional.of(0), pool.takeGpu("gpu-a100", "first"));
        assertFalse(pool.holdGpu(0, "adopted"), "GPU 0 is the first runtime's");
        assertEquals(Optional.of(0), pool.heldBy("first"));
    }
}
