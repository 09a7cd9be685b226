package io.jotter.kernel.eval;

/** Line arithmetic on cell text. */
final class Lines {
    private Lines() {
    }

    /** The 1-based line of {@code offset} in {@code text}. */
    static int lineOf(String text, int offset) {
        int line = 1;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 0-based column of {@code offset} within its line. */
    static int columnOf(String text, int offset) {
        int end = Math.min(offset, text.length());
        int lineStart = text.lastIndexOf('\n', end - 1) + 1;
        return end - lineStart;
    }

    /** The text of the 1-based line {@code line}, without its newline. */
    static String line(String text, int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }
}
