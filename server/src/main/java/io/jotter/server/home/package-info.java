/**
 * The server's root page, {@code /}. It serves the browser notebook once that lands; no API lives here.
 */
package io.jotter.server.home;
