package io.jotter.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.Diag;

/** Turns javac's diagnostics for a snippet into one error that points at the cell's own line and column. */
final class CompileErrors {
    static final String ENAME = "CompilationError";
    private static final String RED = "\u001b[0;31m";
    private static final String RESET = "\u001b[0m";

    private CompileErrors() {
    }

    static CellOutcome.Failure failure(String cell, CellSplitter.Piece piece, List<Diag> diagnostics) {
        List<String> traceback = new ArrayList<>();
        String first = null;
        for (Diag diag : diagnostics) {
            if (!diag.isError()) {
                continue;
            }
            String message = diag.getMessage(Locale.ROOT);
            if (first == null) {
                first = firstLine(message);
            }
            long position = diag.getStartPosition() >= 0 ? diag.getStartPosition() : diag.getPosition();
            int offset = piece.sourceStart() + (int) Math.max(0, Math.min(position, piece.source().length()));
            int line = Lines.lineOf(cell, offset);
            int column = Lines.columnOf(cell, offset);
            traceback.add(RED + ENAME + RESET + " at line " + line + ", column " + (column + 1) + ":");
            traceback.add("    " + Lines.line(cell, line));
            traceback.add("    " + " ".repeat(column) + "^");
            traceback.add(message);
        }
        if (first == null) {
            first = "the snippet was rejected";
            traceback.add(RED + ENAME + RESET + ": " + first);
        }
        return new CellOutcome.Failure(ENAME, first, traceback);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
