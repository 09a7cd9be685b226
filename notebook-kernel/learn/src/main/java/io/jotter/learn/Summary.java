package io.jotter.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@link Sequential#summary}'s table: each layer's output shape and parameter count, then the totals. */
final class Summary {
    private Summary() {
    }

    private record Row(String layer, String shape, long parameters, boolean trainable) {
    }

    private static List<Row> rows(Sequential model) {
        long[] shape = model.inputShape();
        if (shape == null) {
            throw new IllegalStateException("the model does not know its input shape yet: start it with an Input, "
                    + "such as new Sequential(new Input(64), ...), or fit it first");
        }
        List<Row> rows = new ArrayList<>();
        for (Layer layer : model.layers()) {
            long parameters = layer.parameterCount(shape);
            shape = layer.outputShape(shape);
            rows.add(new Row(layer.name() + " (" + layer.getClass().getSimpleName() + ")", Shapes.withBatch(shape),
                    parameters, layer.isTrainable()));
        }
        return rows;
    }

    static String text(Sequential model) {
        List<Row> rows = rows(model);
        StringBuilder text = new StringBuilder("Model: \"sequential\"\n");
        String format = "%-28s %-20s %12s%n";
        text.append(String.format(Locale.ROOT, format, "Layer (type)", "Output Shape", "Param #"));
        text.append("=".repeat(62)).append('\n');
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, format, row.layer(), row.shape(), count(row.parameters())));
        }
        text.append("=".repeat(62)).append('\n');
        appendTotals(model, rows, text, "%s: %s%n");
        return text.toString().stripTrailing();
    }

    static String html(Sequential model) {
        List<Row> rows = rows(model);
        StringBuilder html = new StringBuilder("<table class=\"jotter-learn-summary\">"
                + "<thead><tr><th>Layer (type)</th><th>Output Shape</th><th style=\"text-align:right\">Param #</th></tr></thead><tbody>");
        for (Row row : rows) {
            html.append("<tr><td>").append(TrainingProgress.escape(row.layer())).append(row.trainable() ? "" : " <i>frozen</i>")
                    .append("</td><td>").append(row.shape()).append("</td><td style=\"text-align:right\">")
                    .append(count(row.parameters())).append("</td></tr>");
        }
        html.append("</tbody></table><div>");
        StringBuilder totals = new StringBuilder();
        appendTotals(model, rows, totals, "%s: %s<br>");
        return html.append(totals).append("</div>").toString();
    }

    /** The parameter totals, then the precision policy when it is mixed. */
    private static void appendTotals(Sequential model, List<Row> rows, StringBuilder out, String format) {
        long total = rows.stream().mapToLong(Row::parameters).sum();
        long trainable = rows.stream().filter(Row::trainable).mapToLong(Row::parameters).sum();
        out.append(String.format(Locale.ROOT, format, "Total params", count(total)));
        out.append(String.format(Locale.ROOT, format, "Trainable params", count(trainable)));
        out.append(String.format(Locale.ROOT, format, "Non-trainable params", count(total - trainable)));
        if (model.precision().mixed()) {
            out.append(String.format(Locale.ROOT, format, "Mixed precision", model.precision().describe()));
        }
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
