package io.jotter.kernel.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled statements and expressions by their source, so running an unchanged cell again (the
 * training loop, the plot after new data) skips javac and only runs the class JShell made the
 * first time. Valid while nothing it may refer to has changed: any new, changed or dropped
 * declaration or import, and any change to the classpath, empties it.
 */
final class RerunCache {
    /** A compiled snippet: its wrapper class, its id (for tracebacks) and whether its value is an expression's. */
    record Entry(String wrapperClass, String snippetId, boolean expression) {
    }

    private static final int CAPACITY = 512;

    private final Map<String, Entry> bySource = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    Entry lookup(String source) {
        return bySource.get(source);
    }

    void remember(String source, Entry entry) {
        bySource.put(source, entry);
    }

    void invalidate() {
        bySource.clear();
    }

    /**
     * Whether a snippet's source may be cached: not when it names a {@code $N} temporary, which the
     * evaluator drops right after its cell.
     */
    static boolean cacheable(String source) {
        return !source.matches("(?s).*\\$\\d.*");
    }
}
