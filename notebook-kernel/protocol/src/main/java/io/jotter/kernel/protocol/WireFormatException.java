package io.jotter.kernel.protocol;

/** Frames that are not a Jupyter message: no delimiter, too few parts, or JSON that does not parse. */
public class WireFormatException extends Exception {
    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
