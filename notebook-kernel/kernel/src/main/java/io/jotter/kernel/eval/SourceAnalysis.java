package io.jotter.kernel.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/** Completion, inspection and completeness from JShell's source analysis, on whole cells. Offsets are char indexes. */
public final class SourceAnalysis {
    private final SourceCodeAnalysis analysis;
    private final CellSplitter splitter;

    SourceAnalysis(SourceCodeAnalysis analysis, CellSplitter splitter) {
        this.analysis = analysis;
        this.splitter = splitter;
    }

    /** Completions at the cursor: what replaces {@code code[start, end)}. */
    public record Completions(List<String> matches, int start, int end) {
    }

    public Completions complete(String code, int cursor) {
        int snippetStart = splitter.snippetStartAt(code, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                analysis.completionSuggestions(code.substring(snippetStart, cursor), cursor - snippetStart, anchor);
        Set<String> preferred = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (SourceCodeAnalysis.Suggestion suggestion : suggestions) {
            (suggestion.matchesType() ? preferred : others).add(suggestion.continuation());
        }
        List<String> matches = new ArrayList<>(preferred);
        others.stream().filter(s -> !preferred.contains(s)).forEach(matches::add);
        return new Completions(matches, snippetStart + anchor[0], cursor);
    }

    /** The signatures and Javadoc of what is at the cursor. */
    public record Documentation(String signature, String javadoc) {
    }

    public List<Documentation> inspect(String code, int cursor) {
        int snippetStart = splitter.snippetStartAt(code, cursor);
        List<Documentation> found = new ArrayList<>();
        for (SourceCodeAnalysis.Documentation doc
                : analysis.documentation(code.substring(snippetStart, cursor), cursor - snippetStart, true)) {
            found.add(new Documentation(doc.signature(), doc.javadoc()));
        }
        return found;
    }

    /** Jupyter's {@code is_complete} statuses. */
    public enum Status { COMPLETE, INCOMPLETE, INVALID }

    public Status isComplete(String code) {
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.EMPTY) {
                return Status.COMPLETE;
            }
            if (completeness == Completeness.UNKNOWN) {
                return Status.INVALID;
            }
            if (!completeness.isComplete()) {
                return Status.INCOMPLETE;
            }
            rest = info.remaining();
        }
        return Status.COMPLETE;
    }
}
