/**
 * How errors reach a client: a typed {@link io.jotter.server.errors.ApiException} per domain failure,
 * turned into an HTTP status and a Jupyter Server-style JSON body ({@code {"message", "reason"}}) by
 * the one mapper here. No feature builds error responses itself, and no stack trace leaves the server.
 */
package io.jotter.server.errors;
