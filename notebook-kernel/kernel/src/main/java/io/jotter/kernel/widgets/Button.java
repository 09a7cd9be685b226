package io.jotter.kernel.widgets;

/** A button: {@code var b = new Button("Train"); b.onClick(() -> System.out.println("clicked")); b}. */
public final class Button extends Widget {
    public Button(String label) {
        super("ButtonModel");
        set("description", label);
    }

    public Button() {
        this("");
    }

    /** Runs {@code handler} on each click, as a cell runs: what it prints shows below the button's cell. */
    public Button onClick(Runnable handler) {
        onCustom(content -> {
            if ("click".equals(content.path("event").asText())) {
                handler.run();
            }
        });
        return this;
    }

    /** {@code primary}, {@code success}, {@code info}, {@code warning}, {@code danger} or empty. */
    public Button buttonStyle(String style) {
        set("button_style", style);
        return this;
    }
}
