package io.jotter.scheduler.kernelspec;

import io.jotter.kernel.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds kernel specs in {@code kernels/*}{@code /kernel.json} under each directory of a data path; when two
 * directories hold the same name, the earlier one wins, as in jupyter_client's {@code KernelSpecManager}.
 */
public final class KernelSpecs {
    private static final System.Logger LOG = System.getLogger(KernelSpecs.class.getName());

    private final List<Path> dataPath;

    /** @param dataPath the directories to search, first wins; see {@link #jupyterDataPath(Map, Path)} */
    public KernelSpecs(List<Path> dataPath) {
        this.dataPath = List.copyOf(dataPath);
    }

    /**
     * Jupyter's data path, in its order: each entry of {@code $JUPYTER_PATH}, then the user's data directory
     * ({@code $JUPYTER_DATA_DIR}, else {@code $XDG_DATA_HOME/jupyter}, else {@code ~/.local/share/jupyter}), then
     * {@code /usr/local/share/jupyter} and {@code /usr/share/jupyter}. (Jupyter also searches
     * {@code sys.prefix/share/jupyter} of its own Python; a JVM has no such prefix.)
     */
    public static List<Path> jupyterDataPath(Map<String, String> env, Path home) {
        List<Path> path = new ArrayList<>();
        String jupyterPath = env.get("JUPYTER_PATH");
        if (jupyterPath != null) {
            for (String entry : jupyterPath.split(":")) {
                if (!entry.isBlank()) {
                    path.add(Path.of(entry));
                }
            }
        }
        if (nonBlank(env.get("JUPYTER_DATA_DIR"))) {
            path.add(Path.of(env.get("JUPYTER_DATA_DIR")));
        } else if (nonBlank(env.get("XDG_DATA_HOME"))) {
            path.add(Path.of(env.get("XDG_DATA_HOME"), "jupyter"));
        } else {
            path.add(home.resolve(".local/share/jupyter"));
        }
        path.add(Path.of("/usr/local/share/jupyter"));
        path.add(Path.of("/usr/share/jupyter"));
        return path;
    }

    /** Kernel specs on this machine's Jupyter data path. */
    public static KernelSpecs ofThisMachine() {
        return new KernelSpecs(jupyterDataPath(System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    /** Every spec found, by name. A {@code kernel.json} that cannot be read is logged and left out. */
    public Map<String, KernelSpec> all() {
        Map<String, KernelSpec> found = new TreeMap<>();
        for (Path dir : dataPath) {
            for (Path resourceDir : kernelDirs(dir.resolve("kernels"))) {
                String name = resourceDir.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!found.containsKey(name)) {
                    read(name, resourceDir).ifPresent(spec -> found.put(name, spec));
                }
            }
        }
        return Collections.unmodifiableMap(found);
    }

    /** The spec of that name (case-insensitive), first on the data path. */
    public Optional<KernelSpec> find(String name) {
        return Optional.ofNullable(all().get(name.toLowerCase(Locale.ROOT)));
    }

    private static List<Path> kernelDirs(Path kernels) {
        if (!Files.isDirectory(kernels)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(kernels)) {
            return entries.filter(dir -> Files.isRegularFile(dir.resolve("kernel.json"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + kernels, e);
        }
    }

    private static Optional<KernelSpec> read(String name, Path resourceDir) {
        Path file = resourceDir.resolve("kernel.json");
        try {
            KernelJson json = Json.MAPPER.readValue(file.toFile(), KernelJson.class);
            return Optional.of(new KernelSpec(name, json.argv(), json.displayName(), json.language(),
                    json.interruptMode(), json.env(), resourceDir));
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "ignored kernel spec {0}: {1}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean nonBlank(String value) {
        return value != null && !value.isBlank();
    }

    /** The fields of {@code kernel.json} that launching needs; snake_case by {@link Json#MAPPER}. */
    private record KernelJson(List<String> argv, String displayName, String language, String interruptMode,
                              Map<String, String> env) {
    }
}
