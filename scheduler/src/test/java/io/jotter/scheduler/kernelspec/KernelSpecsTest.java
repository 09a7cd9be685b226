package io.jotter.scheduler.kernelspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecsTest {
    private static final Path HOME = Path.of("/home/ada");

    @TempDir
    Path dir;

    @Test
    void dataPathIsJupyterPathThenUserThenSystem() {
        assertEquals(List.of(Path.of("/a"), Path.of("/b"), HOME.resolve(".local/share/jupyter"),
                        Path.of("/usr/local/share/jupyter"), Path.of("/usr/share/jupyter")),
                KernelSpecs.jupyterDataPath(Map.of("JUPYTER_PATH", "/a::/b"), HOME));
        assertEquals(Path.of("/xdg/jupyter"), KernelSpecs.jupyterDataPath(Map.of("XDG_DATA_HOME", "/xdg"), HOME).get(0));
        assertEquals(Path.of("/data"),
                KernelSpecs.jupyterDataPath(Map.of("XDG_DATA_HOME", "/xdg", "JUPYTER_DATA_DIR", "/data"), HOME).get(0));
    }

    @Test
    void firstDirectoryOnThePathWinsAndBrokenSpecsAreLeftOut() throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        write(first, "Python3", "{\"argv\": [\"mine\", \"-f\", \"{connection_file}\"], \"display_name\": \"Mine\","
                + " \"language\": \"python\", \"interrupt_mode\": \"message\", \"env\": {\"A\": \"1\"}}");
        write(second, "python3", "{\"argv\": [\"system\"], \"display_name\": \"System\", \"language\": \"python\"}");
        write(second, "java", "{\"argv\": [\"java-kernel\", \"{connection_file}\"], \"display_name\": \"Java\", \"language\": \"java\"}");
        write(second, "broken", "{\"argv\": ");
        write(second, "noargv", "{\"display_name\": \"No argv\"}");

        Map<String, KernelSpec> specs = new KernelSpecs(List.of(dir.resolve("absent"), first, second)).all();

        assertEquals(List.of("java", "python3"), List.copyOf(specs.keySet()));
        KernelSpec python = specs.get("python3");
        assertEquals(List.of("mine", "-f", "{connection_file}"), python.argv());
        assertEquals(KernelSpec.MESSAGE, python.interruptMode());
        assertEquals(Map.of("A", "1"), python.env());
        assertEquals(first.resolve("kernels/Python3"), python.resourceDir());
        assertEquals(KernelSpec.SIGNAL, specs.get("java").interruptMode(), "Jupyter's default");
        assertTrue(new KernelSpecs(List.of(first, second)).find("JAVA").isPresent());
    }

    @Test
    void commandSubstitutesConnectionFileAndResourceDir() {
        KernelSpec spec = new KernelSpec("k", List.of("{resource_dir}/run", "-f", "{connection_file}"), "K", "k", null,
                null, Path.of("/specs/k"));
        assertEquals(List.of("/specs/k/run", "-f", "/run/kernel-1.json"), spec.commandFor(Path.of("/run/kernel-1.json")));
    }

    private static void write(Path dataDir, String name, String json) throws IOException {
        Path kernel = dataDir.resolve("kernels").resolve(name);
        Files.createDirectories(kernel);
        Files.writeString(kernel.resolve("kernel.json"), json);
    }
}
