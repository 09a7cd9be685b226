package io.jotter.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/** Splits a cell into the snippets JShell evaluates one at a time, remembering where each sits in the cell. */
final class CellSplitter {
    private final SourceCodeAnalysis analysis;

    CellSplitter(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * One snippet of a cell.
     *
     * @param source the snippet as JShell should evaluate it (a semicolon may have been added)
     * @param start the offset in the cell where the snippet's code starts (its first line, for stack frames)
     * @param sourceStart the offset in the cell of {@code source}'s first char, which may be blank (for
     *     javac's diagnostics, which count from there)
     * @param last whether no snippet follows in the cell
     * @param endsWithSemicolon whether the user ended it with a semicolon, which hides an expression's value
     */
    record Piece(String source, int start, int sourceStart, boolean last, boolean endsWithSemicolon) {
    }

    List<Piece> split(String cell) {
        List<Piece> pieces = new ArrayList<>();
        int offset = 0;
        String rest = cell;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.EMPTY) {
                break;
            }
            String source;
            int consumed;
            if (completeness.isComplete()) {
                source = info.source();
                consumed = rest.length() - info.remaining().length();
            } else {
                // Incomplete or unparseable: hand JShell all that is left so it reports the error.
                source = rest;
                consumed = rest.length();
            }
            String taken = rest.substring(0, consumed);
            int code = offset + codeStart(taken, source);
            int blankInSource = Math.max(0, source.length() - source.stripLeading().length());
            pieces.add(new Piece(source, code, code - blankInSource, false, taken.strip().endsWith(";")));
            offset += consumed;
            rest = rest.substring(consumed);
        }
        if (!pieces.isEmpty()) {
            Piece last = pieces.remove(pieces.size() - 1);
            pieces.add(new Piece(last.source(), last.start(), last.sourceStart(), true, last.endsWithSemicolon()));
        }
        return pieces;
    }

    /** Where the snippet's code begins within what was consumed for it (after blank lines, say). */
    private static int codeStart(String taken, String source) {
        String head = source.strip();
        head = head.substring(0, Math.min(head.length(), 16));
        int at = head.isEmpty() ? -1 : taken.indexOf(head);
        if (at >= 0) {
            return at;
        }
        int firstNonBlank = 0;
        while (firstNonBlank < taken.length() && Character.isWhitespace(taken.charAt(firstNonBlank))) {
            firstNonBlank++;
        }
        return firstNonBlank;
    }

    /** The offset in {@code code} where the snippet that holds position {@code cursor} starts. */
    int snippetStartAt(String code, int cursor) {
        String prefix = code.substring(0, cursor);
        int offset = 0;
        String rest = prefix;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                break;
            }
            int consumed = rest.length() - info.remaining().length();
            offset += consumed;
            rest = rest.substring(consumed);
        }
        int start = offset;
        while (start < cursor && Character.isWhitespace(code.charAt(start))) {
            start++;
        }
        return start;
    }
}
