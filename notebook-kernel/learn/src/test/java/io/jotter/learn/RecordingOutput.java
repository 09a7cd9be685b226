package io.jotter.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A NotebookOutput that remembers what a model showed. */
final class RecordingOutput implements NotebookOutput {
    record Shown(String kind, Map<String, String> bundle, String displayId) {
    }

    final List<Shown> shown = new ArrayList<>();

    @Override
    public synchronized void display(Map<String, String> bundle, String displayId) {
        shown.add(new Shown("display", bundle, displayId));
    }

    @Override
    public synchronized void update(Map<String, String> bundle, String displayId) {
        shown.add(new Shown("update", bundle, displayId));
    }

    synchronized List<Shown> all() {
        return List.copyOf(shown);
    }
}
