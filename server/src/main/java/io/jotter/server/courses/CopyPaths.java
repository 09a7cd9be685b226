package io.jotter.server.courses;

import io.jotter.server.contents.ContentsPath;

/**
 * Where a student's copy of an assignment goes in their tree: {@code courses/<course>/<assignment>.ipynb},
 * titles made safe as names (no slashes, control characters or leading dots), and a number added when
 * something of theirs is already there.
 */
final class CopyPaths {
    static final int LONGEST_NAME = 120;

    private CopyPaths() {
    }

    /** @param attempt 1 for the plain name, 2 and up for {@code "<title> (2).ipynb"} and so on */
    static ContentsPath of(String courseTitle, String assignmentTitle, int attempt) {
        String base = name(assignmentTitle, "assignment");
        if (base.toLowerCase(java.util.Locale.ROOT).endsWith(".ipynb")) {
            base = base.substring(0, base.length() - ".ipynb".length()).strip();
        }
        String suffix = attempt <= 1 ? "" : " (" + attempt + ")";
        return ContentsPath.ROOT.child("courses").child(name(courseTitle, "course"))
                .child((base.isEmpty() ? "assignment" : base) + suffix + ".ipynb");
    }

    /** A title as one path segment. */
    static String name(String title, String fallback) {
        String name = title.replaceAll("[/\\\\\\p{Cntrl}]", "-").replaceAll("\\s+", " ").strip()
                .replaceFirst("^[.\\s]+", "");
        if (name.length() > LONGEST_NAME) {
            name = name.substring(0, LONGEST_NAME).strip();
        }
        return name.isEmpty() ? fallback : name;
    }
}
