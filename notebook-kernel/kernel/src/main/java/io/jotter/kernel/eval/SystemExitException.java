package io.jotter.kernel.eval;

/** What a cell gets for calling {@code System.exit}: the kernel, and the student's variables, live on. */
public class SystemExitException extends SecurityException {
    public SystemExitException(int status) {
        super("System.exit(" + status + ") was called; the kernel keeps running and your variables are kept. "
                + "To start afresh, restart the kernel.");
    }
}
