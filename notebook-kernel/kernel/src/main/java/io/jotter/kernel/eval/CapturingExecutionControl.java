package io.jotter.kernel.eval;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.BooleanSupplier;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's local execution engine, keeping the object a snippet returned. JShell itself only
 * hands back {@code String.valueOf(result)}; a notebook needs the object to show an image, a
 * chart or a tensor. The snippet still runs through {@link LocalExecutionControl#invoke}, so
 * stopping it works exactly as JShell does it.
 */
final class CapturingExecutionControl extends LocalExecutionControl {
    private static final Method TRAMPOLINE;
    /** One JShell per kernel process: the snippet being run and what it returned. */
    private static volatile Method pending;
    private static volatile Object lastValue;

    static {
        try {
            TRAMPOLINE = CapturingExecutionControl.class.getDeclaredMethod("runPending");
            // JShell's engine invokes it reflectively from its own module.
            TRAMPOLINE.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A class name no snippet can have: {@link #findClass} answers it with {@link Callback}. */
    private static final String CALLBACK_CLASS = "jotter$Callback";
    /** The code {@link #runCallback} runs, on the snippet thread. */
    private static volatile Runnable callback;

    /** Whether a stop was asked for before the snippet began: it then does not start at all. */
    private static volatile BooleanSupplier stopRequested = () -> false;

    /** The one engine of this process, for {@link #rerun}. */
    private static volatile CapturingExecutionControl current;

    private CapturingExecutionControl() {
        super();
        current = this;
    }

    /**
     * Runs an already loaded snippet class again, as JShell runs it the first time: on the engine's
     * snippet thread, stoppable. Returns the snippet's value, or null.
     *
     * @throws ExecutionControl.RunException what JShell's engine throws: the user's exception, an
     *     unresolved reference, or a stop
     */
    static Object rerun(String wrapperClass) throws ExecutionControl.RunException, ExecutionControl.InternalException,
            ExecutionControl.EngineTerminationException {
        current.invoke(wrapperClass, "do_it$");
        return takeLastValue();
    }

    /**
     * Runs code that a cell left behind (a widget's handler) as JShell runs a snippet: on the engine's snippet thread,
     * stoppable by the same interrupt, its exceptions reported as a snippet's.
     *
     * @throws ExecutionControl.RunException what JShell's engine throws: the user's exception, or a stop
     */
    static void runCallback(Runnable body) throws ExecutionControl.RunException, ExecutionControl.InternalException,
            ExecutionControl.EngineTerminationException {
        callback = body;
        try {
            current.invoke(CALLBACK_CLASS, Callback.ENTRY);
        } finally {
            callback = null;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        return CALLBACK_CLASS.equals(name) ? Callback.class : super.findClass(name);
    }

    /** The class that {@link #runCallback} has JShell's engine run. */
    static final class Callback {
        static final String ENTRY = "run";

        private Callback() {
        }

        @SuppressWarnings("unused")
        static void run() {
            callback.run();
        }
    }

    /** Set by the evaluator: JShell's own stop reaches only a snippet already running. */
    static void stopWhen(BooleanSupplier requested) {
        stopRequested = requested;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (stopRequested.getAsBoolean()) {
            throw new ExecutionControl.StoppedException();
        }
        pending = doitMethod;
        lastValue = null;
        return super.invoke(TRAMPOLINE);
    }

    /** Runs on JShell's snippet thread; rethrows what the snippet threw, so JShell reports it as its own. */
    @SuppressWarnings("unused")
    private static Object runPending() throws Throwable {
        try {
            Object value = pending.invoke(null);
            lastValue = value;
            return value;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static Object takeLastValue() {
        Object value = lastValue;
        lastValue = null;
        return value;
    }

    /** Registered with {@code JShell.builder().executionEngine(...)}. */
    static final class Provider implements ExecutionControlProvider {
        @Override
        public String name() {
            return "jotter-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return new CapturingExecutionControl();
        }
    }
}
