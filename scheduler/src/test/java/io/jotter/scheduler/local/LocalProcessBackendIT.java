package io.jotter.scheduler.local;

import static org.junit.jupiter.api.Assertions.fail;

import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.kernelspec.KernelSpecs;
import io.jotter.scheduler.runtime.RuntimeBackend;
import io.jotter.scheduler.runtime.LiveKernelContract;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.scheduler.runtime.RuntimeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;

/** The runtime backend contract on local processes, with Jotter's Java kernel and with Debian's ipykernel. */
class LocalProcessBackendIT {

    abstract static class OnLocalProcesses extends LiveKernelContract {
        private LocalProcessBackend backend;

        @Override
        protected RuntimeBackend backend(Path workDir) {
            return backendWith(workDir, null);
        }

        RuntimeBackend backendWith(Path workDir, OsUserIsolation isolation) {
            backend = new LocalProcessBackend(workDir.resolve("runtime"), Clock.systemUTC(), Duration.ofSeconds(3),
                    isolation);
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

    /**
     * The contract on a backend that runs every kernel as an account's own OS user, limited by cgroup: a decorator
     * adds the sandbox the contract's requests lack. Needs root; skipped otherwise.
     */
    @Nested
    class JotterJavaKernelAsItsOwnUser extends JotterJavaKernel {
        @Override
        protected RuntimeBackend backend(Path workDir) {
            Assumptions.assumeTrue(IsolatedKernelsIT.isRoot(), "isolated kernels need root");
            Assumptions.assumeTrue(IsolatedKernelsIT.othersCanReach(repositoryRoot()),
                    "isolated kernels run as other users, who must reach this checkout");
            RuntimeBackend isolated = super.backendWith(workDir, OsUserIsolation.create(
                    Path.of("target", "contract-kernel-users").toAbsolutePath()));
            return new Sandboxing(isolated, new RuntimeRequest.Sandbox("contract@example.org", 1L << 30, 1, 256));
        }
    }

    /** Adds one sandbox to every request, as the server does in accounts mode. */
    private record Sandboxing(RuntimeBackend backend, RuntimeRequest.Sandbox sandbox) implements RuntimeBackend {
        @Override
        public RuntimeHandle start(RuntimeRequest request) {
            return backend.start(new RuntimeRequest(request.runtimeId(), request.kernelSpec(),
                    request.workingDirectory(), request.env(), sandbox));
        }

        @Override
        public boolean isAlive(RuntimeHandle handle) {
            return backend.isAlive(handle);
        }

        @Override
        public void interrupt(RuntimeHandle handle) {
            backend.interrupt(handle);
        }

        @Override
        public void kill(RuntimeHandle handle) {
            backend.kill(handle);
        }

        @Override
        public void cleanUp(RuntimeHandle handle) {
            backend.cleanUp(handle);
        }

        @Override
        public List<RuntimeHandle> discover() {
            return backend.discover();
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
