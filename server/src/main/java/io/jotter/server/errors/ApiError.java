package io.jotter.server.errors;

/**
 * The JSON body of an error, as Jupyter Server writes it.
 *
 * @param message what went wrong, for the user
 * @param reason the short reason (the HTTP reason phrase unless the error names its own)
 */
public record ApiError(String message, String reason) {
}
