/**
 * Cell magics, the {@code %} lines that configure the kernel rather than run Java, and what
 * they need: {@link MavenResolver} turns {@code %maven} coordinates into jar files from Maven
 * Central, with errors a student can act on ({@link MavenResolutionException}).
 *
 * <p>The resolver only finds files and knows nothing of JShell; putting the jars on the
 * cell class path is the caller's job.
 */
package io.jotter.kernel.magic;
