package io.jotter.kernel.io;

/** Where captured text goes: the kernel publishes it as {@code stream} output of the running request. */
@FunctionalInterface
public interface StreamSink {
    /** @param name {@code stdout} or {@code stderr} */
    void write(String name, String text);
}
