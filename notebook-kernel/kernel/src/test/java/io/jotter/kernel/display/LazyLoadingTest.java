package io.jotter.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArray;

/**
 * Showing a plain value must not load TensorFlow (whose classes pull in its native library),
 * XChart or AWT. Renderers runs in a class loader of its own that records every class it is
 * asked for, with the TensorFlow and XChart jars on its path, so their absence means something.
 */
class LazyLoadingTest {
    private static final List<String> RICH_ONLY = List.of(
            "org.tensorflow.", "org.knowm.", "java.awt.", "javax.imageio.",
            "io.jotter.kernel.display.TensorRenderer", "io.jotter.kernel.display.ChartRenderer",
            "io.jotter.kernel.display.ImageRenderer");

    @Test
    void plainValuesLoadNoRichRenderer() throws Exception {
        try (RecordingLoader loader = new RecordingLoader()) {
            Method render = loader.loadClass(Renderers.class.getName()).getMethod("render", Object.class);
            Object html = loader.loadClass(Html.class.getName()).getConstructor(String.class).newInstance("<b>x</b>");

            Object[] plainValues = {"text", 42, new int[] {1, 2}, new Object[] {"a"}, List.of(1.5), null, html};
            for (Object value : plainValues) {
                render.invoke(null, value);
            }

            List<String> richLoaded = loader.requested.stream()
                    .filter(name -> RICH_ONLY.stream().anyMatch(name::startsWith)).sorted().toList();
            assertEquals(List.of(), richLoaded);
            assertTrue(loader.requested.contains(Renderers.class.getName()), "the recorder sees what Renderers loads");

            // And the recorder would have caught it: an image does load its renderer.
            render.invoke(null, new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB));
            assertTrue(loader.requested.contains("io.jotter.kernel.display.ImageRenderer"));
        }
    }

    /** Child-first for this project's classes and its libraries, recording every name requested. */
    private static final class RecordingLoader extends URLClassLoader {
        final Set<String> requested = ConcurrentHashMap.newKeySet();

        RecordingLoader() {
            super(new URL[] {
                location(Renderers.class), location(ObjectNode.class),
                location(com.fasterxml.jackson.core.JsonFactory.class),
                location(com.fasterxml.jackson.annotation.JsonInclude.class), location(Tensor.class),
                location(NdArray.class), location(XYChart.class)
            }, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }

        private static URL location(Class<?> type) {
            return type.getProtectionDomain().getCodeSource().getLocation();
        }
    }
}
