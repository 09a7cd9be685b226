package io.jotter.server.kernels;

import io.jotter.kernel.protocol.Channel;
import io.jotter.kernel.protocol.Content;
import io.jotter.kernel.protocol.KernelClient;
import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.runtime.RuntimeBackend;
import io.jotter.scheduler.runtime.RuntimeHandle;
import io.jotter.scheduler.runtime.RuntimeRequest;
import io.jotter.server.kernelspecs.KernelSpecCatalog;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernels this server runs, by id. Starting waits until the kernel answers
 * {@code kernel_info_request}, so a kernel a client gets is one it can talk to. When the server stops,
 * its kernels stop with it.
 */
@Singleton
public class KernelRegistry {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(3);
    static final Duration INTERRUPT_REPLY_TIMEOUT = Duration.ofSeconds(5);

    private final KernelSpecCatalog catalog;
    private final RuntimeBackend backend;
    private final Clock clock;
    private final Map<String, RunningKernel> kernels = new ConcurrentHashMap<>();

    public KernelRegistry(KernelSpecCatalog catalog, RuntimeBackend backend, Clock clock) {
        this.catalog = catalog;
        this.backend = backend;
        this.clock = clock;
    }

    public Collection<RunningKernel> list() {
        return List.copyOf(kernels.values());
    }

    public RunningKernel get(String id) {
        RunningKernel kernel = kernels.get(id);
        if (kernel == null) {
            throw new KernelNotFoundException(id);
        }
        return kernel;
    }

    /** Starts a kernel of the named spec (the default one when {@code null}) and waits until it answers. */
    public RunningKernel start(String specName) {
        String name = specName == null || specName.isBlank() ? KernelSpecCatalog.JOTTER_JAVA : specName;
        KernelSpec spec = catalog.all().get(name);
        if (spec == null) {
            throw new KernelStartException(Response.Status.BAD_REQUEST, "no kernel spec named " + name
                    + "; GET /api/kernelspecs lists them");
        }
        String id = UUID.randomUUID().toString();
        RunningKernel kernel = launch(id, spec);
        kernels.put(id, kernel);
        return kernel;
    }

    private RunningKernel launch(String id, KernelSpec spec) {
        RuntimeHandle handle = backend.start(new RuntimeRequest(id, spec, Path.of(System.getProperty("user.home")), Map.of()));
        try (KernelClient client = new KernelClient(handle.connection(), "jotter-server")) {
            if (client.call(Channel.SHELL, new Content.KernelInfoRequest(), READY_TIMEOUT,
                    () -> backend.isAlive(handle)) != null) {
                return new RunningKernel(id, spec, handle, clock.instant());
            }
        }
        boolean alive = backend.isAlive(handle);
        stop(handle);
        throw new KernelStartException(Response.Status.INTERNAL_SERVER_ERROR, "kernel " + spec.name()
                + (alive ? " did not answer within " + READY_TIMEOUT.toSeconds() + " s" : " exited while starting"));
    }

    /** Interrupts the running cell: by message or by signal, as the kernel's spec says. */
    public RunningKernel interrupt(String id) {
        RunningKernel kernel = get(id);
        if (KernelSpec.MESSAGE.equals(kernel.spec().interruptMode())) {
            try (KernelClient client = new KernelClient(kernel.handle().connection(), "jotter-server")) {
                client.call(Channel.CONTROL, new Content.InterruptRequest(), INTERRUPT_REPLY_TIMEOUT);
            }
        } else {
            backend.interrupt(kernel.handle());
        }
        return touch(kernel);
    }

    /** Replaces the kernel's process with a fresh one under the same id; its state is lost, as in Jupyter. */
    public RunningKernel restart(String id) {
        RunningKernel old = get(id);
        stop(old.handle());
        RunningKernel fresh = launch(id, old.spec());
        kernels.put(id, fresh);
        return fresh;
    }

    /** Asks the kernel to shut down, kills it if it does not within a grace period, and forgets it. */
    public void shutdown(String id) {
        RunningKernel kernel = kernels.remove(id);
        if (kernel == null) {
            throw new KernelNotFoundException(id);
        }
        stop(kernel.handle());
    }

    private void stop(RuntimeHandle handle) {
        if (backend.isAlive(handle)) {
            try (KernelClient client = new KernelClient(handle.connection(), "jotter-server")) {
                client.call(Channel.CONTROL, new Content.ShutdownRequest(false), SHUTDOWN_GRACE);
            }
            long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
            while (backend.isAlive(handle) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        backend.kill(handle);
        backend.cleanUp(handle);
    }

    private RunningKernel touch(RunningKernel kernel) {
        RunningKernel touched = new RunningKernel(kernel.id(), kernel.spec(), kernel.handle(), clock.instant());
        kernels.replace(kernel.id(), touched);
        return touched;
    }

    /** The server is stopping: so do its kernels, so none is left without a server to reach it. */
    void onStop(@Observes ShutdownEvent event) {
        for (String id : List.copyOf(kernels.keySet())) {
            RunningKernel kernel = kernels.remove(id);
            if (kernel != null) {
                stop(kernel.handle());
            }
        }
    }
}
