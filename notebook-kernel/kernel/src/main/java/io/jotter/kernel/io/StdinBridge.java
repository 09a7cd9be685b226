package io.jotter.kernel.io;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** {@code System.in} for cells: each line a cell needs is asked of the client with {@code input_request}. */
public final class StdinBridge extends InputStream {
    private final InputProvider provider;
    private final Runnable beforeAsking;
    private byte[] line = new byte[0];
    private int position;

    /** @param beforeAsking runs before each request, to send pending output (the prompt a cell printed) first */
    public StdinBridge(InputProvider provider, Runnable beforeAsking) {
        this.provider = provider;
        this.beforeAsking = beforeAsking;
    }

    @Override
    public synchronized int read() {
        if (!fill()) {
            return -1;
        }
        return line[position++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, line.length - position);
        System.arraycopy(line, position, bytes, offset, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return line.length - position;
    }

    /** Drops what the user typed and the cell has not read, for example when a new cell starts. */
    public synchronized void discard() {
        line = new byte[0];
        position = 0;
    }

    private boolean fill() {
        if (position < line.length) {
            return true;
        }
        beforeAsking.run();
        String text = provider.requestLine("", false);
        line = (text + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }
}
