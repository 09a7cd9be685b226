package io.jotter.learn;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Where training shows its progress and curves. In a Jotter kernel: the kernel's
 * {@code io.jotter.kernel.display.Notebook} (display_data, then update_display_data under the same
 * display id). The kernel depends on this module, not the other way, so it is found by name, as the
 * kernel's own renderers find TensorFlow. Elsewhere (tests, a plain JVM): one line per epoch on
 * {@code System.out}.
 *
 * <p>A bundle maps MIME types to content, and always has {@code text/plain}.
 */
interface NotebookOutput {
    /** Shows a new output, under {@code displayId} so it can be updated. */
    void display(Map<String, String> bundle, String displayId);

    /** Replaces the output shown under {@code displayId}. */
    void update(Map<String, String> bundle, String displayId);

    /** A line worth keeping where nothing is updated in place (the console); a notebook shows it in the display already. */
    default void log(String line) {
    }

    /** Whether images are worth drawing: a console shows only their text. */
    default boolean showsImages() {
        return true;
    }

    /** A view updated in place by messages (the kernel's widgets), or null: updates then replace the output. */
    default LiveProgress live() {
        return null;
    }

    /** The kernel's display when this runs in a Jotter kernel, otherwise the console. */
    static NotebookOutput find() {
        NotebookOutput kernel = KernelNotebook.find();
        return kernel != null ? kernel : new Console();
    }

    /** Prints the log lines and what is displayed; updates stay silent, so a console gets no flood of progress. */
    final class Console implements NotebookOutput {
        @Override
        public void display(Map<String, String> bundle, String displayId) {
            if (bundle.containsKey("image/png")) {
                System.out.println(bundle.get("text/plain"));
            }
        }

        @Override
        public void update(Map<String, String> bundle, String displayId) {
        }

        @Override
        public void log(String line) {
            System.out.println(line);
        }

        @Override
        public boolean showsImages() {
            return false;
        }
    }

    /** The kernel's {@code Notebook.display} and {@code updateDisplay}, with a {@code MimeBundle} built from ours. */
    final class KernelNotebook implements NotebookOutput {
        private final Method display;
        private final Method updateDisplay;
        private final Method text;
        private final Method with;

        private KernelNotebook(Class<?> notebook, Class<?> mimeBundle) throws NoSuchMethodException {
            display = notebook.getMethod("display", Object.class, String.class);
            updateDisplay = notebook.getMethod("updateDisplay", String.class, Object.class);
            text = mimeBundle.getMethod("text", String.class);
            with = mimeBundle.getMethod("with", String.class, String.class);
        }

        static NotebookOutput find() {
            try {
                ClassLoader loader = NotebookOutput.class.getClassLoader();
                return new KernelNotebook(Class.forName("io.jotter.kernel.display.Notebook", true, loader),
                        Class.forName("io.jotter.kernel.display.MimeBundle", true, loader));
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }

        @Override
        public void display(Map<String, String> bundle, String displayId) {
            call(display, null, mimeBundle(bundle), displayId);
        }

        @Override
        public LiveProgress live() {
            return LiveProgress.find();
        }

        @Override
        public void update(Map<String, String> bundle, String displayId) {
            call(updateDisplay, null, displayId, mimeBundle(bundle));
        }

        private Object mimeBundle(Map<String, String> bundle) {
            Object result = call(text, null, bundle.getOrDefault("text/plain", ""));
            for (var entry : bundle.entrySet()) {
                if (!entry.getKey().equals("text/plain")) {
                    result = call(with, result, entry.getKey(), entry.getValue());
                }
            }
            return result;
        }

        private static Object call(Method method, Object target, Object... args) {
            try {
                return method.invoke(target, args);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("the kernel's display API changed: " + method, e);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(cause);
            }
        }
    }
}
