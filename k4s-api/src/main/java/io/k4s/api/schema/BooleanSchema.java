package io.k4s.api.schema;

import java.util.Objects;

/** {@code true} or {@code false}, bound to {@link Boolean}. A quoted {@code "true"} is a string. */
public final class BooleanSchema implements Schema<Boolean> {

    private final String description;

    private BooleanSchema(String description) {
        this.description = description;
    }

    /** A boolean. */
    public static BooleanSchema of(String description) {
        return new BooleanSchema(Objects.requireNonNull(description, "description"));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String typeName() {
        return "boolean";
    }
}
