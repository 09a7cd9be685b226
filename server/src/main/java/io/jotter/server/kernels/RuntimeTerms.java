package io.jotter.server.kernels;

import java.time.Duration;

/**
 * What a kernel's runtime was admitted with: its type and its tier's limits, which the culler applies.
 *
 * @param runtimeType the runtime type it runs on
 * @param accelerated whether it holds an accelerator
 * @param idleTimeout its tier's idle timeout; zero turns idle culling off
 * @param maxLifetime its tier's maximum lifetime: it stops this long after it started, busy or not; zero: none
 */
public record RuntimeTerms(String runtimeType, boolean accelerated, Duration idleTimeout, Duration maxLifetime) {
}
