package io.jotter.kernel.io;

/**
 * Thrown to a cell that reads {@code System.in} when its client cannot answer. Unchecked on purpose:
 * {@code Scanner} swallows {@code IOException}s and would report only "No line found".
 */
public class StdinNotAvailableException extends RuntimeException {
    public StdinNotAvailableException(String message) {
        super(message);
    }
}
