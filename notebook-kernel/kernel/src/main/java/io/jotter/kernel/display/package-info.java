/**
 * Rich output for cells: turning a value into a Jupyter MIME bundle ({@link Renderers}), the
 * static API every cell imports ({@link Notebook}, {@link Plot}), and the port through which
 * bundles leave the cell ({@link DisplaySink}, bound by the kernel with {@link DisplayBinding}).
 *
 * <p>Nothing here knows about messages, sockets or JShell. TensorFlow, XChart and AWT are
 * optional at run time: they are recognised by class name and only the renderer for such a
 * value touches their classes, so showing a plain value never loads a native library.
 *
 * @see <a href="https://jupyter-client.readthedocs.io/en/latest/messaging.html#display-data">display_data</a>
 */
package io.jotter.kernel.display;
