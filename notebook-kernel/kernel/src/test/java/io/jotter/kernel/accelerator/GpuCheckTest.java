package io.jotter.kernel.accelerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Why a GPU runtime's kernel found no GPU, in a user's words, from what it can see of the machine. */
class GpuCheckTest {
    @TempDir
    Path dir;

    @Test
    void aRuntimeGivenNoDeviceIsToldSoFirst() {
        GpuCheck check = new GpuCheck(Map.of("CUDA_VISIBLE_DEVICES", ""), new DriverLibrary(List.of(dir)));
        assertEquals("no GPU was assigned to this runtime (CUDA_VISIBLE_DEVICES is empty): this server found no GPU"
                + " of this type to give it", check.whyNoGpu());
    }

    @Test
    void aMissingDriverIsNamed() {
        GpuCheck check = new GpuCheck(Map.of("CUDA_VISIBLE_DEVICES", "0"), new DriverLibrary(List.of(dir)));
        assertEquals("the NVIDIA driver (libcuda.so.1) is not installed on this machine, or not mounted into the"
                + " kernel's container", check.whyNoGpu());
    }

    @Test
    void aDriverThatFindsNoGpuIsToldApartFromAMissingOne() throws IOException {
        Files.createFile(dir.resolve("libcuda.so.1"));
        String why = new GpuCheck(Map.of(), new DriverLibrary(List.of(Path.of("/nowhere"), dir))).whyNoGpu();
        assertTrue(why.startsWith("the NVIDIA driver is installed (" + dir.resolve("libcuda.so.1") + "), but CUDA"
                + " found no GPU it can use"), why);
    }

    @Test
    void readsTheDriversFolderFromTheLoadersCache() throws IOException {
        Path cache = dir.resolve("ld.so.cache");
        String entries = "glibc-ld.so.cache1.1\0libcuda.so.1\0/usr/lib/x86_64-linux-gnu/libcuda.so.1\0"
                + "libc.so.6\0/lib/x86_64-linux-gnu/libc.so.6\0";
        Files.write(cache, entries.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of(Path.of("/usr/lib/x86_64-linux-gnu")), DriverLibrary.cachedFolders(cache));
        assertEquals(List.of(), DriverLibrary.cachedFolders(dir.resolve("absent")));
        assertFalse(new DriverLibrary(List.of(dir)).find().isPresent());
    }
}
