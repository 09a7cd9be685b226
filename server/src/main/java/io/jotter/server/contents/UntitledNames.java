package io.jotter.server.contents;

import java.util.function.Predicate;

/**
 * Picks free names the way Jupyter Server's {@code increment_filename} does: "Untitled.ipynb",
 * "Untitled1.ipynb", ...; "Untitled Folder", "Untitled Folder 1", ...; "b.ipynb" copied to
 * "b-Copy1.ipynb", "b-Copy2.ipynb", ...
 */
final class UntitledNames {
    private UntitledNames() {
    }

    /**
     * The first of {@code name}, then {@code name} with {@code insert + i} before its extension
     * (i = 1, 2, ...), that {@code taken} does not hold. The extension starts at the last dot for
     * ".ipynb" and at the first dot otherwise, as in Jupyter ("a.tar.gz" → "a1.tar.gz").
     */
    static String free(String name, String insert, Predicate<String> taken) {
        int dot = name.endsWith(".ipynb") ? name.lastIndexOf('.') : name.indexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        String suffix = dot < 0 ? "" : name.substring(dot);
        for (int i = 0; ; i++) {
            String candidate = base + (i == 0 ? "" : insert + i) + suffix;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }

    /** A copy's name before numbering: "b-Copy1.ipynb" copies as "b.ipynb" does (Jupyter's copy_pat). */
    static String copyBase(String name) {
        return name.replaceAll("-Copy\\d*\\.", ".");
    }
}
