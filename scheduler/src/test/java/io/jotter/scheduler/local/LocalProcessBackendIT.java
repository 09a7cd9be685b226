package io.jotter.scheduler.local;

import static org.junit.jupiter.api.Assertions.fail;

import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.kernelspec.KernelSpecs;
import io.jotter.scheduler.runtime.RuntimeBackend;
import io.jotter.scheduler.runtime.RuntimeBackendContract;
import io.jotter.scheduler.runtime.RuntimeHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The runtime backend contract on local processes, with Jotter's Java kernel and with Debian's ipykernel. */
class LocalProcessBackendIT {

    abstract static class OnLocalProcesses extends RuntimeBackendContract {
        private LocalProcessBackend backend;

        @Override
        protected RuntimeBackend backend(Path workDir) {
            backend = new LocalProcessBackend(workDir.resolve("runtime"), Clock.systemUTC(), Duration.ofSeconds(3));
            return backend;
        }

        @Override
        protected List<Path> secretFiles(RuntimeHandle handle) {
            return List.of(backend.connectionFile(handle.runtimeId()));
        }

        @Override
        protected String kernelLog(RuntimeHandle handle) {
            try {
                return Files.readString(backend.logFile(handle.runtimeId()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    @Nested
    class JotterJavaKernel extends OnLocalProcesses {
        @Override
        protected KernelSpec kernelSpec() {
            Path kernelModule = repositoryRoot().resolve("notebook-kernel/kernel");
            if (!Files.isRegularFile(kernelModule.resolve("target/lib/jotter-kernel.jar"))) {
                fail(kernelModule.resolve("target/lib/jotter-kernel.jar") + " is missing: build notebook-kernel first"
                        + " (the reactor builds it before scheduler)");
            }
            return new KernelSpec("jotter-java", List.of(kernelModule.resolve("bin/jotter-kernel").toString(), "{connection_file}"),
                    "Java (Jotter)", "java", KernelSpec.MESSAGE, Map.of(), kernelModule);
        }

        @Override
        protected String printHello() {
            return "System.out.println(\"hello\");";
        }

        @Override
        protected String sleepTenSeconds() {
            return "Thread.sleep(10_000);";
        }
    }

    @Nested
    class Ipykernel extends OnLocalProcesses {
        @Override
        protected KernelSpec kernelSpec() {
            KernelSpec spec = new KernelSpecs(List.of(Path.of("/usr/share/jupyter"))).find("python3")
                    .orElseGet(() -> fail("no ipykernel kernel spec in /usr/share/jupyter/kernels/python3"));
            // python3 on PATH may be an interpreter without ipykernel (pyenv); Debian's has it.
            List<String> argv = new ArrayList<>(spec.argv());
            if ("python3".equals(argv.get(0))) {
                argv.set(0, "/usr/bin/python3");
            }
            return spec.withArgv(argv).withEnv(Map.of("PYDEVD_DISABLE_FILE_VALIDATION", "1"));
        }

        @Override
        protected String printHello() {
            return "print('hello')";
        }

        @Override
        protected String sleepTenSeconds() {
            return "import time; time.sleep(10)";
        }
    }

    /** The directory holding {@code notebook-kernel/}; Maven runs tests in the module directory, one below. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("notebook-kernel/kernel"))) {
                return dir;
            }
        }
        return fail("no notebook-kernel/kernel above " + Path.of("").toAbsolutePath());
    }
}
