package io.jotter.server.kernelspecs;

import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.kernelspec.KernelSpecs;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The kernels this server can start: Jotter's own Java kernel, and every kernelspec installed on
 * the machine (Debian's {@code python3}, say), found where Jupyter looks.
 */
@Singleton
public class KernelSpecCatalog {
    /** The built-in kernel's name; also the default. */
    public static final String JOTTER_JAVA = "jotter-java";

    private final Optional<String> javaKernelLauncher;

    public KernelSpecCatalog(@ConfigProperty(name = "jotter.kernel.launcher") Optional<String> javaKernelLauncher) {
        this.javaKernelLauncher = javaKernelLauncher;
    }

    /** All kernel specs by name; the built-in Java kernel wins over an installed spec of the same name. */
    public Map<String, KernelSpec> all() {
        Map<String, KernelSpec> specs = new TreeMap<>(KernelSpecs.ofThisMachine().all());
        javaKernelLauncher.ifPresent(launcher -> specs.put(JOTTER_JAVA, new KernelSpec(JOTTER_JAVA,
                List.of(Path.of(launcher).toAbsolutePath().normalize().toString(), "{connection_file}"),
                "Java (Jotter)", "java", KernelSpec.MESSAGE, Map.of(), null)));
        return specs;
    }
}
