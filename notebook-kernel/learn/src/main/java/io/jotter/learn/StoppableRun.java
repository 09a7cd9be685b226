package io.jotter.learn;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs a long loop (training) so that an interrupt ends it between two steps, never inside one.
 *
 * <p>The kernel interrupts a cell with {@code JShell.stop()}, which stops every thread of the cell's
 * thread group wherever it is, even halfway through handing a batch to TensorFlow. So the loop runs
 * on a thread outside that group, and the cell's thread only waits: when the stop reaches the
 * waiting thread, it raises the flag the loop checks between steps, waits for the step in flight
 * to finish, and then lets the stop go on, so the cell still ends as interrupted. A plain
 * {@link Thread#interrupt()} of the waiting thread does the same and ends in a
 * {@link CancellationException}.
 */
final class StoppableRun {
    private static final ThreadGroup GROUP = new ThreadGroup(root(), "jotter-learn");
    /**
     * One worker kept for good, more only while runs overlap. Reusing the thread matters: TensorFlow
     * Java's first session runs on a new thread are slower (the digits MLP trained about 20% slower
     * per fit on a fresh thread each time).
     */
    private static final ExecutorService WORKERS = new ThreadPoolExecutor(1, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), body -> {
                Thread thread = new Thread(GROUP, body, "jotter-learn-worker");
                thread.setDaemon(true);
                return thread;
            });

    private StoppableRun() {
    }

    /** Runs {@code body} with a "stop requested" test, and returns what it returned. */
    static <T> T run(String name, Function<BooleanSupplier, T> body) {
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<T> result = new CompletableFuture<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        WORKERS.execute(() -> {
            Thread worker = Thread.currentThread();
            ClassLoader previous = worker.getContextClassLoader();
            worker.setContextClassLoader(loader);
            try {
                result.complete(body.apply(stop::get));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                worker.setContextClassLoader(previous);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            stop.set(true);
            awaitQuietly(result);
            Thread.currentThread().interrupt();
            throw new CancellationException(name + " was interrupted; what it did so far is kept");
        } catch (RuntimeException | Error stopped) {
            // JShell's stop (a ThreadDeath on Java 17): end the loop between steps, then let the stop through.
            stop.set(true);
            awaitQuietly(result);
            throw stopped;
        }
    }

    private static void awaitQuietly(CompletableFuture<?> result) {
        boolean interrupted = false;
        while (true) {
            try {
                result.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    private static ThreadGroup root() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }
}
