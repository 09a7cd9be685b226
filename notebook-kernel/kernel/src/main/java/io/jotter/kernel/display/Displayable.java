package io.jotter.kernel.display;

/**
 * The extension point for rich output: a class that implements it decides its own bundle,
 * which {@link Renderers} uses before any of its built-in rules. The bundle should still carry
 * {@code text/plain}.
 */
public interface Displayable {
    MimeBundle toMimeBundle();
}
