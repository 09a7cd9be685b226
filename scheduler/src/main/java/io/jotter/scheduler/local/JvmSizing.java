package io.jotter.scheduler.local;

/**
 * JVM options that keep a Java kernel under its memory limit: a heap of 60% and direct buffers of 10% leave the
 * rest for metaspace, the JIT, JShell's compiler and thread stacks. A cell that fills the heap or the direct
 * buffers then gets an {@link OutOfMemoryError} it can show, instead of the whole kernel being killed.
 */
final class JvmSizing {
    private JvmSizing() {
    }

    static String optionsFor(long memoryBytes) {
        long mib = memoryBytes >> 20;
        return "-Xmx" + (mib * 60 / 100) + "m -XX:MaxDirectMemorySize=" + (mib * 10 / 100) + "m";
    }
}
