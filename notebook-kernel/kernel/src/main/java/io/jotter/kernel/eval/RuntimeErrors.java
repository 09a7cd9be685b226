package io.jotter.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.EvalException;

/**
 * Turns an exception thrown by a snippet into one error with a traceback in the user's terms:
 * frames in notebook code name their cell and line; JShell's and reflection's own frames are cut.
 */
final class RuntimeErrors {
    private static final String RED = "\u001b[0;31m";
    private static final String RESET = "\u001b[0m";
    private static final String WRAPPER_METHOD = "do_it$";

    private RuntimeErrors() {
    }

    static CellOutcome.Failure failure(EvalException exception, SnippetPlaces places) {
        String ename = exception.getExceptionClassName();
        String evalue = withoutWrapperNames(exception.getMessage());
        List<String> traceback = new ArrayList<>();
        Throwable current = exception;
        String prefix = "";
        while (current != null) {
            String className = current instanceof EvalException eval ? eval.getExceptionClassName() : current.getClass().getName();
            String message = current.getMessage() == null ? null : withoutWrapperNames(current.getMessage());
            traceback.add(prefix + RED + className + RESET + (message == null ? "" : ": " + message));
            for (StackTraceElement frame : current.getStackTrace()) {
                if (isSnippetFrame(frame)) {
                    String where = places.describe(frame.getFileName().substring(1), frame.getLineNumber());
                    boolean body = isWrapperMethod(frame.getMethodName());
                    traceback.add("\tat " + (body ? where : frame.getMethodName() + " (" + where + ")"));
                    if (body) {
                        break;
                    }
                } else {
                    traceback.add("\tat " + frame);
                }
            }
            current = current.getCause();
            prefix = "Caused by: ";
        }
        return new CellOutcome.Failure(ename, evalue, traceback);
    }

    /** JShell runs a snippet's body in a generated method of its wrapper class. */
    private static boolean isWrapperMethod(String name) {
        return name.isEmpty() || name.equals(WRAPPER_METHOD) || name.contains("$");
    }

    /** Helpful NullPointerExceptions name JShell's wrapper classes ({@code "REPL.$JShell$3.s" is null}): the user wrote {@code s}. */
    static String withoutWrapperNames(String message) {
        return message == null ? "" : message.replaceAll("REPL\\.\\$JShell\\$\\d+[A-Za-z]*\\.", "");
    }

    /** JShell compiles snippet {@code 12} from a source named {@code #12}. */
    private static boolean isSnippetFrame(StackTraceElement frame) {
        return frame.getFileName() != null && frame.getFileName().startsWith("#");
    }
}
