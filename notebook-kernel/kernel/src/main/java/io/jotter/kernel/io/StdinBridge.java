package io.jotter.kernel.io;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code System.in} for cells: each line a cell needs is asked of the client with {@code input_request}. */
public final class StdinBridge extends InputStream {
    private final InputProvider provider;
    private final Supplier<String> prompt;
    private byte[] line = new byte[0];
    private int position;

    /**
     * @param prompt runs before each request: sends pending output and returns what the cell printed
     *     on the line it is about to read (its prompt)
     */
    public StdinBridge(InputProvider provider, Supplier<String> prompt) {
        this.provider = provider;
        this.prompt = prompt;
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
        String text = provider.requestLine(prompt.get(), false);
        line = (text + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }
}
