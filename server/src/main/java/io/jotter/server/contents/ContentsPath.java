package io.jotter.server.contents;

import java.util.ArrayList;
import java.util.List;

/**
 * A path in a user's contents tree, normalised: segments joined by {@code /}, no leading or trailing
 * slash, no empty, {@code .} or {@code ..} segments. The root directory is the empty path.
 */
public record ContentsPath(String value) {
    public static final ContentsPath ROOT = new ContentsPath("");

    /**
     * Normalises what a client sent. Jupyter strips slashes and resolves {@code .}; a {@code ..}
     * that would leave the root, or a segment with a control character, is refused.
     */
    public static ContentsPath parse(String raw) {
        if (raw == null) {
            return ROOT;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : raw.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new BadContentsRequestException("path " + quoted(raw) + " leaves the root directory");
                }
                segments.remove(segments.size() - 1);
            } else if (segment.chars().anyMatch(Character::isISOControl)) {
                throw new BadContentsRequestException("path " + quoted(raw) + " has a control character in it");
            } else {
                segments.add(segment);
            }
        }
        return new ContentsPath(String.join("/", segments));
    }

    public boolean isRoot() {
        return value.isEmpty();
    }

    /** The last segment: what Jupyter calls the name. Empty for the root. */
    public String name() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    public ContentsPath parent() {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? ROOT : new ContentsPath(value.substring(0, slash));
    }

    public ContentsPath child(String name) {
        return new ContentsPath(isRoot() ? name : value + "/" + name);
    }

    /** True if {@code other} is this path or lies under it. */
    public boolean contains(ContentsPath other) {
        return isRoot() || other.value.equals(value) || other.value.startsWith(value + "/");
    }

    public boolean isNotebookName() {
        return value.endsWith(".ipynb");
    }

    @Override
    public String toString() {
        return value;
    }

    private static String quoted(String raw) {
        return "'" + raw + "'";
    }
}
