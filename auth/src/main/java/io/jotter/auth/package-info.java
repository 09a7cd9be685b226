/**
 * Maps a verified OIDC identity to a user, roles, tier and course memberships; authorization rules for notebooks and runtimes.
 *
 * <p>Not built yet: this module is a placeholder in the reactor until its issue lands.
 */
package io.jotter.auth;
