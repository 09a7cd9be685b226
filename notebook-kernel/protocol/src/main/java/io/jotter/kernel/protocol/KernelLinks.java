package io.jotter.kernel.protocol;

import org.zeromq.ZContext;

/**
 * The ZeroMQ context a gateway's {@link KernelBridge}s share: one I/O thread (and one reaper) for every kernel it
 * links to, not one of each per kernel. Close it after the bridges; a closed one opens no more.
 */
public final class KernelLinks implements AutoCloseable {
    /**
     * ZeroMQ sockets the context may hold: JeroMQ's default, 1,024, is reached by about 170 kernels (a bridge holds
     * six: four to the kernel, two to wake its thread), fewer than one replica serves in a lab.
     */
    public static final int MAX_SOCKETS = 65_536;

    private final ZContext context;

    /** @param ioThreads ZeroMQ's I/O threads for all the links; one moves about a gigabyte a second */
    public KernelLinks(int ioThreads) {
        this.context = new ZContext(ioThreads);
        context.getContext().setMaxSockets(MAX_SOCKETS);
    }

    /** A live link to a kernel over this context; closing it closes its sockets, not the context. */
    public KernelBridge open(ConnectionInfo connection, KernelBridge.Listener listener) {
        return new KernelBridge(context, false, connection, listener);
    }

    @Override
    public void close() {
        context.close();
    }
}
