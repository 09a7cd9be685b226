package io.jotter.kernel.widgets;

/** A line of plain text (never HTML), such as a status: {@code new Label("ready")}. */
public final class Label extends ValueWidget<String> {
    public Label(String text) {
        super("LabelModel");
        value(text);
    }

    public Label() {
        this("");
    }

    @Override
    public String value() {
        return get("value").asText();
    }

    @Override
    public Label value(String value) {
        set("value", value);
        return this;
    }
}
