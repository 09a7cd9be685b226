package io.jotter.kernel.eval;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;

/**
 * The three things JShell knows but does not offer, reached by reflection: a snippet's wrapper
 * class, the in-memory class files javac compiles against, and JShell's translation of an
 * exception's frames into snippet terms. The launcher opens the package
 * ({@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}); without that, {@link #attach} gives
 * {@code null} and the kernel runs on JShell's public API alone, only slower.
 */
final class JShellInternals {
    private final Map<String, ?> classFiles;
    private final Method classFullName;
    private final Object eval;
    private final Method asJShellException;

    private JShellInternals(Map<String, ?> classFiles, Method classFullName, Object eval, Method asJShellException) {
        this.classFiles = classFiles;
        this.classFullName = classFullName;
        this.eval = eval;
        this.asJShellException = asJShellException;
    }

    @SuppressWarnings("unchecked")
    static JShellInternals attach(JShell shell) {
        try {
            Object taskFactory = field(JShell.class, "taskFactory").get(shell);
            Object fileManager = field(taskFactory.getClass(), "fileManager").get(taskFactory);
            Map<String, ?> classFiles = (Map<String, ?>) field(fileManager.getClass(), "classObjects").get(fileManager);
            Method classFullName = Snippet.class.getDeclaredMethod("classFullName");
            classFullName.setAccessible(true);
            Object eval = field(JShell.class, "eval").get(shell);
            Method asJShellException = eval.getClass().getDeclaredMethod("asJShellException", Throwable.class);
            asJShellException.setAccessible(true);
            return new JShellInternals(classFiles, classFullName, eval, asJShellException);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.getLogger("jotter").log(System.Logger.Level.WARNING,
                    "JShell's internals are closed (" + e + "): long sessions slow down and re-run cells recompile");
            return null;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** The class files javac is handed on every compile, by binary name. */
    Map<String, ?> classFiles() {
        return classFiles;
    }

    /** The binary name of the class JShell last compiled the snippet into, such as {@code REPL.$JShell$12}. */
    String wrapperClass(Snippet snippet) {
        try {
            return (String) classFullName.invoke(snippet);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JShell's snippet class name cannot be read", e);
        }
    }

    /** What JShell's own eval would report for an exception from its execution engine. */
    JShellException translate(Exception engineException) {
        try {
            return (JShellException) asJShellException.invoke(eval, engineException);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("JShell could not translate " + engineException, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JShell could not translate " + engineException, e);
        }
    }
}
