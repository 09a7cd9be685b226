/**
 * Who the caller is: the user a request acts for, and the token check that establishes it. One Vert.x
 * route filter ({@link io.jotter.server.identity.TokenFilter}) checks the token on every request but
 * the health probes, REST and WebSocket handshakes alike; resources ask
 * {@link io.jotter.server.identity.CurrentUser} and never parse credentials themselves.
 */
package io.jotter.server.identity;
