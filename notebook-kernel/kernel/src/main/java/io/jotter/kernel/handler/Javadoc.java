package io.jotter.kernel.handler;

/** Javadoc as a console shows it: HTML and inline tags stripped; the summary, or everything. */
final class Javadoc {
    private Javadoc() {
    }

    /**
     * @param whole everything, block tags ({@code @param}, {@code @return}) included, or only the first
     *     paragraph on one line
     */
    static String plain(String javadoc, boolean whole) {
        if (javadoc == null || javadoc.isBlank()) {
            return "";
        }
        String text = whole ? javadoc : firstParagraph(javadoc).replaceAll("\\s+", " ");
        return text.replaceAll("\\{@(?:code|link|linkplain|literal) ([^}]*)}", "$1")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .strip();
    }

    private static String firstParagraph(String javadoc) {
        int tags = javadoc.indexOf("\n@");
        String description = tags >= 0 ? javadoc.substring(0, tags) : javadoc;
        int blank = description.indexOf("\n\n");
        return blank >= 0 ? description.substring(0, blank) : description;
    }
}
