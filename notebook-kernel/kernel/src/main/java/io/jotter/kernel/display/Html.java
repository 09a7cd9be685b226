package io.jotter.kernel.display;

import java.util.Objects;

/** HTML to show as is: {@code html("<b>hi</b>")} as a cell's value renders as bold text. */
public record Html(String html) {
    public Html {
        Objects.requireNonNull(html, "html");
    }

    @Override
    public String toString() {
        return html;
    }
}
