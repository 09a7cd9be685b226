package io.jotter.kernel.widgets;

/** A checkbox: {@code new Checkbox().description("augment").value(true)}. */
public final class Checkbox extends ValueWidget<Boolean> {
    public Checkbox() {
        super("CheckboxModel");
    }

    @Override
    public Boolean value() {
        return get("value").asBoolean();
    }

    @Override
    public Checkbox value(Boolean value) {
        set("value", value);
        return this;
    }

    public Checkbox description(String description) {
        set("description", description);
        return this;
    }
}
