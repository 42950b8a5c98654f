package io.k4s.api.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One of a fixed set of spellings, each bound to a Java value. Spellings are exact, as in
 * Kubernetes ({@code Always}, not {@code always}); a near miss gets a "did you mean" hint.
 *
 * @param <E> the Java type of the values, usually an enum
 */
public final class EnumSchema<E> implements Schema<E> {

    private final String description;
    private final Map<String, E> values;
    private final Map<E, String> spellings;

    private EnumSchema(String description, Map<String, E> values) {
        this.description = description;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Map<E, String> back = new LinkedHashMap<>();
        values.forEach((text, value) -> back.putIfAbsent(value, text));
        this.spellings = Collections.unmodifiableMap(back);
    }

    /**
     * The values of an enum, each spelt as {@code spelling} says.
     *
     * @throws IllegalArgumentException if two values have one spelling
     */
    public static <E> EnumSchema<E> of(String description, E[] values, Function<E, String> spelling) {
        Builder<E> b = builder();
        b.description(description);
        for (E v : values) {
            b.value(spelling.apply(v), v);
        }
        return b.build();
    }

    /** A builder with no values yet. */
    public static <E> Builder<E> builder() {
        return new Builder<>();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String typeName() {
        return "string";
    }

    /** The spellings and their values, in declaration order. */
    public Map<String, E> values() {
        return values;
    }

    /**
     * The spelling of {@code value} (the first declared, if it has several).
     *
     * @throws IllegalArgumentException if {@code value} is not one of the values
     */
    public String spelling(E value) {
        String text = spellings.get(value);
        if (text == null) {
            throw new IllegalArgumentException(value + " is not one of " + String.join(", ", values.keySet()));
        }
        return text;
    }

    /** Build an {@link EnumSchema}; not thread-safe. */
    public static final class Builder<E> {
        private String description = "";
        private final Map<String, E> values = new LinkedHashMap<>();

        private Builder() {}

        /** What the value means. */
        public Builder<E> description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * Accept {@code spelling} as {@code value}.
         *
         * @throws IllegalArgumentException if the spelling is taken
         */
        public Builder<E> value(String spelling, E value) {
            Objects.requireNonNull(value, "value");
            if (values.putIfAbsent(Objects.requireNonNull(spelling, "spelling"), value) != null) {
                throw new IllegalArgumentException("spelling \"" + spelling + "\" is given twice");
            }
            return this;
        }

        /**
         * The schema.
         *
         * @throws IllegalArgumentException if there is no value
         */
        public EnumSchema<E> build() {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("an enum schema needs at least one value");
            }
            return new EnumSchema<>(description, values);
        }
    }
}
