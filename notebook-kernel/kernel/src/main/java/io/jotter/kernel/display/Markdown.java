package io.jotter.kernel.display;

import java.util.Objects;

/** Markdown for the frontend to render: {@code markdown("# Title")} as a cell's value. */
public record Markdown(String markdown) {
    public Markdown {
        Objects.requireNonNull(markdown, "markdown");
    }

    @Override
    public String toString() {
        return markdown;
    }
}
