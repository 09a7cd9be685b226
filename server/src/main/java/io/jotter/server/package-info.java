/**
 * The Quarkus application the browser talks to. Packages by feature: {@code status},
 * {@code kernelspecs}, {@code notebooks}, {@code identity}, {@code home}; each owns its resources,
 * services and persistence.
 *
 * <p>Being built (issue 3): so far the status and kernelspec endpoints of the Jupyter Server API
 * and the notebooks schema in PostgreSQL. Every request but the health probes needs the server's
 * token ({@code identity}); {@code ./jotter up} starts the server for its user.
 */
package io.jotter.server;
