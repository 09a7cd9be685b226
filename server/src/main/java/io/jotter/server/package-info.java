/**
 * The Quarkus application the browser talks to. Packages by feature: {@code status},
 * {@code kernelspecs}, {@code contents}, {@code sessions}, {@code kernels}, {@code gateway},
 * {@code outputs}, {@code identity}, {@code home}, {@code errors}, {@code api} (what every
 * {@code /api} request shares); each owns its resources, services and persistence. Every request but the health probes needs the server's token ({@code identity});
 * {@code ./jotter up} starts the server for its user.
 */
package io.jotter.server;
