package io.jotter.kernel.accelerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the NVIDIA driver's {@code libcuda.so.1} is, the way the dynamic loader would look: the folders of
 * {@code LD_LIBRARY_PATH}, those the loader's cache ({@code /etc/ld.so.cache}) names, and the usual ones (GKE
 * mounts the driver at {@code /usr/local/nvidia/lib64}). Only for telling a user why there is no GPU: whether
 * there is one is TensorFlow's answer.
 */
final class DriverLibrary {
    static final String NAME = "libcuda.so.1";
    private static final List<String> USUAL = List.of("/usr/local/nvidia/lib64", "/usr/local/nvidia/lib",
            "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/lib/wsl/lib");
    private static final Pattern CACHED = Pattern.compile("(/[\\x21-\\x7e]*)/libcuda\\.so\\.1\\x00");

    private final List<Path> folders;

    DriverLibrary(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    static DriverLibrary forThisMachine() {
        List<Path> folders = new ArrayList<>();
        String path = System.getenv("LD_LIBRARY_PATH");
        if (path != null) {
            for (String folder : path.split(":")) {
                if (!folder.isBlank()) {
                    folders.add(Path.of(folder));
                }
            }
        }
        folders.addAll(cachedFolders(Path.of("/etc/ld.so.cache")));
        USUAL.forEach(folder -> folders.add(Path.of(folder)));
        return new DriverLibrary(folders);
    }

    /** The folders the loader's cache lists libcuda.so.1 in (its strings hold the full paths). */
    static List<Path> cachedFolders(Path cache) {
        try {
            String text = new String(Files.readAllBytes(cache), StandardCharsets.ISO_8859_1);
            List<Path> found = new ArrayList<>();
            Matcher matcher = CACHED.matcher(text);
            while (matcher.find()) {
                found.add(Path.of(matcher.group(1)));
            }
            return found;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    Optional<Path> find() {
        return folders.stream().map(folder -> folder.resolve(NAME)).filter(Files::exists).findFirst();
    }
}
