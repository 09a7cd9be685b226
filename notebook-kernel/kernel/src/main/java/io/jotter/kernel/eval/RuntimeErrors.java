package io.jotter.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.EvalException;

/**
 * Turns an exception thrown by a snippet into one error with a traceback in the user's terms:
 * frames in notebook code name their cell and line; JShell's and reflection's own frames are cut.
 */
final class RuntimeErrors {
    private static final String RED = "\u001b[0;31m";
    private static final String RESET = "\u001b[0m";
    private static final String WRAPPER_METHOD = "do_it$";
    private static final Pattern DEVICE = Pattern.compile("device:([A-Z_]+:\\d+)");

    private RuntimeErrors() {
    }

    static CellOutcome.Failure failure(EvalException exception, SnippetPlaces places) {
        String ename = exception.getExceptionClassName();
        String evalue = explained(ename, withoutWrapperNames(exception.getMessage()));
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

    /**
     * TensorFlow's out-of-memory error ({@code OOM when allocating tensor with shape[...] ... on
     * /job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc}) said plainly first, with what helps.
     */
    static String explained(String ename, String evalue) {
        if (!"org.tensorflow.exceptions.TFResourceExhaustedException".equals(ename) || !evalue.contains("OOM")) {
            return evalue;
        }
        Matcher device = DEVICE.matcher(evalue);
        String where = device.find() ? device.group(1) : "the device";
        return "Out of memory on " + where + ": free tensors you no longer need (close() them), use smaller batches,"
                + " or restart the kernel to give all of its memory back. TensorFlow said: " + evalue;
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
