/**
 * Who a signed-in person is to Jotter ({@link io.jotter.auth.Account}, {@link io.jotter.auth.Role}), mapped
 * from a token the server has already verified, and what they may do in a course
 * ({@link io.jotter.auth.CoursePolicy}). Plain Java: no HTTP, no database, no token parsing or
 * signature checks here (the server's OIDC layer does those, and loads memberships).
 */
package io.jotter.auth;
