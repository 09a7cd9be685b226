/**
 * The Quarkus application: REST and WebSocket endpoints, persistence, the kernel gateway and the built frontend.
 *
 * <p>Not built yet: this module is a placeholder in the reactor until its issue lands.
 */
package io.jotter.server;
