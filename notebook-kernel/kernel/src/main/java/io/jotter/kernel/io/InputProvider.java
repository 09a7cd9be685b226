package io.jotter.kernel.io;

/** Asks the user for a line of text, through the client of the running request. */
@FunctionalInterface
public interface InputProvider {
    /**
     * @return the line the user typed, without a newline
     * @throws StdinNotAvailableException when the client does not take input or the wait was cancelled
     */
    String requestLine(String prompt, boolean password);
}
