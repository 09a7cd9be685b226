package io.jotter.kernel.protocol;

/** A message whose HMAC does not match: never to be acted on. */
public class InvalidSignatureException extends WireFormatException {
    public InvalidSignatureException(String message) {
        super(message);
    }
}
