package io.jotter.kernel.handler;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The inputs of this kernel's session, by execution count, for {@code history_request}. */
final class History {
    /** One executed cell. */
    record Entry(int line, String input) {
    }

    /** Jupyter numbers sessions; a kernel process is one session. */
    static final int SESSION = 1;

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input) {
        entries.add(new Entry(line, input));
    }

    /** The last {@code n} entries, oldest first. */
    synchronized List<Entry> tail(int n) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - n), entries.size()));
    }

    /** Entries with {@code start <= line < stop}. */
    synchronized List<Entry> range(int start, int stop) {
        return entries.stream().filter(e -> e.line() >= start && (stop <= 0 || e.line() < stop)).toList();
    }

    /** Entries matching a glob pattern ({@code *} and {@code ?}), the last {@code n} of them. */
    synchronized List<Entry> search(String glob, int n, boolean unique) {
        Pattern pattern = Pattern.compile(globToRegex(glob), Pattern.DOTALL);
        List<Entry> found = new ArrayList<>();
        for (Entry entry : entries) {
            if (pattern.matcher(entry.input()).matches()
                    && !(unique && found.stream().anyMatch(e -> e.input().equals(entry.input())))) {
                found.add(entry);
            }
        }
        return n > 0 ? found.subList(Math.max(0, found.size() - n), found.size()) : found;
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
