/**
 * What every {@code /api} request shares before a feature's resource sees it: how its body is read
 * ({@link io.jotter.server.api.JsonBodies}). No resource or domain logic lives here; the token check
 * is {@code identity}'s, error bodies are {@code errors}'.
 */
package io.jotter.server.api;
