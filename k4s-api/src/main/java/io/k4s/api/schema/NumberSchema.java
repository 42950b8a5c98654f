package io.k4s.api.schema;

import java.util.Objects;

/** A number with a fraction or without, bound to {@link Double}. A quoted number is not a number. */
public final class NumberSchema implements Schema<Double> {

    private final String description;

    private NumberSchema(String description) {
        this.description = description;
    }

    /** A number. */
    public static NumberSchema of(String description) {
        return new NumberSchema(Objects.requireNonNull(description, "description"));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String typeName() {
        return "number";
    }
}
