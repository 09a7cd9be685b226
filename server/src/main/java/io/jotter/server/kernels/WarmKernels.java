package io.jotter.server.kernels;

import io.jotter.scheduler.kernelspec.KernelSpec;
import io.jotter.scheduler.runtime.RuntimeHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Kernels of the default spec on one runtime type started ahead of need, so that opening a notebook finds
 * one ready and already warmed up (JShell's first compilation takes a second or more), as Colab keeps
 * runtimes waiting. Each one taken is replaced in the background.
 */
final class WarmKernels {
    private static final Logger LOG = Logger.getLogger(WarmKernels.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

    private final KernelSpec spec;
    private final int size;
    private final Function<KernelSpec, RuntimeHandle> launcher;
    private final Consumer<RuntimeHandle> stopper;
    private final Deque<RuntimeHandle> ready = new ArrayDeque<>();
    private final ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "warm-kernels");
        thread.setDaemon(true);
        return thread;
    });
    private int starting;
    private boolean closed;

    /**
     * @param launcher starts a kernel and returns once it answers, or throws
     * @param stopper stops a kernel nobody took
     */
    WarmKernels(KernelSpec spec, int size, Function<KernelSpec, RuntimeHandle> launcher, Consumer<RuntimeHandle> stopper) {
        this.spec = spec;
        this.size = size;
        this.launcher = launcher;
        this.stopper = stopper;
    }

    /** A kernel taken but not used (its admission was refused) goes back to the front, still warm. */
    synchronized void giveBack(RuntimeHandle handle) {
        if (closed) {
            stopper.accept(handle);
            return;
        }
        ready.addFirst(handle);
    }

    /** The ids of the kernels waiting now, oldest first. */
    synchronized List<String> waitingIds() {
        return ready.stream().map(RuntimeHandle::runtimeId).toList();
    }

    /** A ready kernel of this spec, if one is waiting; another is started in its place. */
    synchronized Optional<RuntimeHandle> take(KernelSpec wanted) {
        if (size == 0 || !wanted.name().equals(spec.name()) || ready.isEmpty()) {
            refill();
            return Optional.empty();
        }
        RuntimeHandle handle = ready.removeFirst();
        refill();
        return Optional.of(handle);
    }

    synchronized void refill() {
        while (!closed && ready.size() + starting < size) {
            starting++;
            starter.execute(this::startOne);
        }
    }

    private void startOne() {
        RuntimeHandle handle = null;
        try {
            handle = launcher.apply(spec);
        } catch (RuntimeException e) {
            LOG.warnf("could not start a warm %s kernel: %s", spec.name(), e.getMessage());
        }
        synchronized (this) {
            starting--;
            if (handle != null && !closed) {
                ready.addLast(handle);
                return;
            }
        }
        if (handle != null) {
            stopper.accept(handle);
        }
    }

    /** Stops the kernels nobody took; starts no more. */
    void close() {
        List<RuntimeHandle> unused;
        synchronized (this) {
            closed = true;
            unused = List.copyOf(ready);
            ready.clear();
        }
        // A kernel still starting is let finish (a second or two) and then stopped by startOne, so that
        // none outlives the server; past the wait, the next server's reconciler settles it.
        starter.shutdown();
        try {
            if (!starter.awaitTermination(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warnf("a warm kernel was still starting %d s after the server began to stop", CLOSE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unused.forEach(stopper);
    }
}
