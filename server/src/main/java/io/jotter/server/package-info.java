/**
 * The Quarkus application the browser talks to. Packages by feature: {@code status},
 * {@code kernelspecs}, {@code contents}, {@code sessions}, {@code kernels}; each owns its resources, services and persistence.
 *
 * <p>Being built (issue 3): so far the status and kernelspec endpoints of the Jupyter Server API
 * and the contents API over PostgreSQL. No authentication yet: nothing starts this server for
 * users until {@code ./jotter up} lands with the token.
 */
package io.jotter.server;
