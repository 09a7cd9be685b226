package io.jotter.kernel.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each snippet came from, so a stack frame in snippet {@code #12} line 3 can be told to the
 * user as "cell [4], line 7", even when the method was declared cells ago.
 */
final class SnippetPlaces {
    /** @param cellLabel how the user knows the cell, such as {@code [4]}; @param firstLine the cell line of the snippet's line 1 */
    record Place(String cellLabel, int firstLine) {
    }

    private final Map<String, Place> places = new HashMap<>();

    void remember(String snippetId, String cellLabel, int firstLine) {
        places.put(snippetId, new Place(cellLabel, firstLine));
    }

    void forget(String snippetId) {
        places.remove(snippetId);
    }

    /** The user's words for a frame in a snippet: for example {@code cell [4], line 7}. */
    String describe(String snippetId, int snippetLine) {
        Place place = places.get(snippetId);
        if (place == null) {
            return "snippet " + snippetId + ", line " + snippetLine;
        }
        return "cell " + place.cellLabel() + ", line " + (place.firstLine() + snippetLine - 1);
    }
}
