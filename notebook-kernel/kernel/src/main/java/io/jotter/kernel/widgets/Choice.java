package io.jotter.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One of a list of options (a dropdown, toggle buttons). The front end knows the options' labels and sends the chosen
 * {@code index}; the value is the chosen label, as in ipywidgets.
 */
public abstract class Choice<W extends Choice<W>> extends ValueWidget<String> {
    Choice(String modelName, List<String> options) {
        super(modelName);
        options(options);
    }

    abstract W self();

    /** The options, in order; the value becomes the first, as ipywidgets chooses. */
    public W options(List<String> options) {
        set("_options_labels", List.copyOf(options));
        set("index", options.isEmpty() ? null : 0);
        return self();
    }

    public List<String> options() {
        return Widget.toStrings(get("_options_labels"));
    }

    /** The chosen option, or null when there are none. */
    @Override
    public String value() {
        JsonNode index = get("index");
        List<String> options = options();
        return index == null || index.isNull() || index.asInt() >= options.size() ? null : options.get(index.asInt());
    }

    /** Chooses {@code option}, which must be one of the options. */
    @Override
    public W value(String option) {
        int index = options().indexOf(option);
        if (index < 0) {
            throw new IllegalArgumentException(option + " is not one of the options " + options());
        }
        set("index", index);
        return self();
    }

    public W description(String description) {
        set("description", description);
        return self();
    }

    @Override
    String valueAttribute() {
        return "index";
    }
}
