package io.jotter.kernel.widgets;

/** A one-line text field: {@code new Text().placeholder("your name").description("Name")}. */
public final class Text extends ValueWidget<String> {
    public Text() {
        super("TextModel");
    }

    @Override
    public String value() {
        return get("value").asText();
    }

    @Override
    public Text value(String value) {
        set("value", value);
        return this;
    }

    public Text placeholder(String placeholder) {
        set("placeholder", placeholder);
        return this;
    }

    public Text description(String description) {
        set("description", description);
        return this;
    }
}
