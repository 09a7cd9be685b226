package io.jotter.kernel.display;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a tensor's values the way NumPy prints arrays: nested brackets, and above
 * {@value #THRESHOLD} values only the first and last few of each dimension with
 * {@code ...} between, so a large tensor never floods the notebook.
 */
final class TensorFormat {
    /** NumPy's default print threshold. */
    static final long THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    /** Marks the elided middle of a dimension in {@link #shownIndices}. */
    private static final long ELLIPSIS = -1;

    private TensorFormat() {
    }

    static String text(TensorView tensor) {
        return tensor.header() + "\n" + new TextLayout(tensor).block(0, new long[tensor.shape().length]);
    }

    /** A table for scalars, vectors (one row) and matrices; null for higher ranks, which stay text only. */
    static String html(TensorView tensor) {
        long[] shape = tensor.shape();
        if (shape.length > 2) {
            return null;
        }
        int edge = edgeItems(tensor);
        List<Long> rows = shape.length == 2 ? shownIndices(shape[0], edge) : List.of(0L);
        List<Long> columns = shape.length == 0 ? List.of(0L) : shownIndices(shape[shape.length - 1], edge);
        StringBuilder html = new StringBuilder("<div class=\"jotter-tensor\"><div><code>")
                .append(escape(tensor.header())).append("</code></div><table>");
        if (shape.length > 0) {
            html.append("<thead><tr>").append(shape.length == 2 ? "<th></th>" : "");
            columns.forEach(c -> html.append("<th>").append(c == ELLIPSIS ? "&hellip;" : c).append("</th>"));
            html.append("</tr></thead>");
        }
        html.append("<tbody>");
        for (long row : rows) {
            html.append("<tr>");
            if (shape.length == 2) {
                html.append("<th>").append(row == ELLIPSIS ? "&vellip;" : row).append("</th>");
            }
            for (long column : columns) {
                html.append("<td>").append(htmlCell(tensor, row, column)).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    private static String htmlCell(TensorView tensor, long row, long column) {
        if (row == ELLIPSIS || column == ELLIPSIS) {
            return row == ELLIPSIS && column == ELLIPSIS ? "&dtdot;" : row == ELLIPSIS ? "&vellip;" : "&hellip;";
        }
        long[] at = switch (tensor.shape().length) {
            case 0 -> new long[0];
            case 1 -> new long[] {column};
            default -> new long[] {row, column};
        };
        return escape(element(tensor, at));
    }

    /** Three per dimension like NumPy, fewer for high ranks so at most about a thousand values show. */
    static int edgeItems(TensorView tensor) {
        if (tensor.size() <= THRESHOLD) {
            return Integer.MAX_VALUE;
        }
        int edge = EDGE_ITEMS;
        while (edge > 1 && Math.pow(2.0 * edge, tensor.shape().length) > THRESHOLD) {
            edge--;
        }
        return edge;
    }

    /** The indices of one dimension to show, with {@link #ELLIPSIS} where the middle is left out. */
    static List<Long> shownIndices(long size, int edge) {
        List<Long> indices = new ArrayList<>();
        if (size <= 2L * edge) {
            for (long i = 0; i < size; i++) {
                indices.add(i);
            }
            return indices;
        }
        for (long i = 0; i < edge; i++) {
            indices.add(i);
        }
        indices.add(ELLIPSIS);
        for (long i = size - edge; i < size; i++) {
            indices.add(i);
        }
        return indices;
    }

    static String element(TensorView tensor, long[] at) {
        Object value = tensor.valueAt().apply(at);
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Nested-bracket text, one innermost row per line, every element padded to the widest shown. */
    private static final class TextLayout {
        private final TensorView tensor;
        private final int edge;
        private final int width;

        TextLayout(TensorView tensor) {
            this.tensor = tensor;
            this.edge = edgeItems(tensor);
            this.width = widest(0, new long[tensor.shape().length]);
        }

        String block(int dimension, long[] at) {
            long[] shape = tensor.shape();
            if (dimension == shape.length) {
                return pad(element(tensor, at));
            }
            List<String> parts = new ArrayList<>();
            for (long i : shownIndices(shape[dimension], edge)) {
                if (i == ELLIPSIS) {
                    parts.add("...");
                } else {
                    at[dimension] = i;
                    parts.add(block(dimension + 1, at));
                }
            }
            // Like NumPy: rows of a matrix on their own lines, a blank line between matrices.
            String separator = dimension == shape.length - 1 ? ", "
                    : ",\n" + "\n".repeat(shape.length - dimension - 2) + " ".repeat(dimension + 1);
            return "[" + String.join(separator, parts) + "]";
        }

        private int widest(int dimension, long[] at) {
            long[] shape = tensor.shape();
            if (dimension == shape.length) {
                return element(tensor, at).length();
            }
            int widest = 0;
            for (long i : shownIndices(shape[dimension], edge)) {
                if (i != ELLIPSIS) {
                    at[dimension] = i;
                    widest = Math.max(widest, widest(dimension + 1, at));
                }
            }
            return widest;
        }

        private String pad(String element) {
            return " ".repeat(Math.max(0, width - element.length())) + element;
        }
    }
}
