package io.jotter.scheduler.runtime;

/** A backend could not do what was asked (no free ports, the launcher is missing, the cluster said no). */
public class RuntimeBackendException extends RuntimeException {
    public RuntimeBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
