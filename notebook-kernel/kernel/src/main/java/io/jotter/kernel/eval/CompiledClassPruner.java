package io.jotter.kernel.eval;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jdk.jshell.JShell;
import jdk.jshell.PersistentSnippet;
import jdk.jshell.Snippet;

/**
 * Keeps a long session as fast as a fresh one. JShell keeps the class file of every snippet it
 * ever compiled in its in-memory file manager and lists all of them to javac on every later
 * compile, so each cell got slower than the one before (measured here: 7.5 ms per trivial cell
 * fresh, 14.5 ms after 2,000 cells). Only live declarations and imports are ever compiled
 * against again; this forgets the class files of everything else once a cell has run.
 *
 * <p>JShell offers no API for it, so this reaches into {@code jdk.jshell} by reflection; the
 * launcher opens the package ({@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}). Where that
 * fails, pruning is off and JShell behaves as it always did.
 */
final class CompiledClassPruner {
    private final JShell shell;
    private final Map<String, ?> classFiles;
    private final Method classFullName;

    private CompiledClassPruner(JShell shell, Map<String, ?> classFiles, Method classFullName) {
        this.shell = shell;
        this.classFiles = classFiles;
        this.classFullName = classFullName;
    }

    /** A pruner for {@code shell}, or one that does nothing when JShell's internals cannot be reached. */
    static CompiledClassPruner attach(JShell shell) {
        try {
            Object taskFactory = field(JShell.class, "taskFactory").get(shell);
            Object fileManager = field(taskFactory.getClass(), "fileManager").get(taskFactory);
            Map<String, ?> classFiles = (Map<String, ?>) field(fileManager.getClass(), "classObjects").get(fileManager);
            Method classFullName = Snippet.class.getDeclaredMethod("classFullName");
            classFullName.setAccessible(true);
            return new CompiledClassPruner(shell, classFiles, classFullName);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.getLogger("jotter").log(System.Logger.Level.WARNING,
                    "JShell's compiled classes cannot be pruned, so cells will slow down over a long session: " + e);
            return new CompiledClassPruner(shell, null, null);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    boolean isActive() {
        return classFiles != null;
    }

    /**
     * Forgets every class file that no live declaration or import owns. Computed from what is live
     * rather than from what just ended: JShell renames a snippet's wrapper when it recompiles it,
     * so a finished snippet's name may already belong to a live one.
     */
    void prune() {
        if (classFiles == null) {
            return;
        }
        Set<String> live = new HashSet<>();
        shell.snippets()
                .filter(snippet -> snippet instanceof PersistentSnippet && shell.status(snippet).isActive())
                .forEach(snippet -> live.add(wrapperOf(snippet)));
        // Classes declared inside a wrapper (a user's class, an anonymous one) are nested in it.
        classFiles.keySet().removeIf(name -> !live.contains(outermost(name)));
    }

    private String wrapperOf(Snippet snippet) {
        try {
            return (String) classFullName.invoke(snippet);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JShell's snippet class name cannot be read", e);
        }
    }

    private static String outermost(String className) {
        int nested = className.indexOf('$', "REPL.$JShell$".length());
        return nested < 0 ? className : className.substring(0, nested);
    }

    /** How many class files JShell still lists to javac. */
    int retainedClassFiles() {
        return classFiles == null ? -1 : classFiles.size();
    }
}
