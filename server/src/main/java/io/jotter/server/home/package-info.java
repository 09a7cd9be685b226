/**
 * The browser notebook's page, at {@code /} and the app's own routes ({@code /tree/...},
 * {@code /notebooks/...}); the built app itself comes from the web-frontend jar. No API lives here.
 */
package io.jotter.server.home;
