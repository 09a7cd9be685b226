/**
 * Who the caller is: the user a request acts for, and the token check that establishes it. Resources
 * ask {@link io.jotter.server.identity.CurrentUser} and never parse credentials themselves.
 */
package io.jotter.server.identity;
