package io.k4s.api.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A value with several wire forms, told apart by their shape (string, integer, map, list...): a
 * Service selector is a glob string or a map of labels; a later int-or-string is {@code 3} or
 * {@code "25%"}. Reading picks the first alternative whose wire shape matches the input;
 * writing picks the first alternative whose Java type the value is an instance of.
 *
 * @param <T> the Java type common to the alternatives
 */
public final class OneOfSchema<T> implements Schema<T> {

    /**
     * One wire form.
     *
     * @param javaType the Java values this alternative writes
     * @param schema   the wire form and its binding
     */
    public record Alternative<T>(Class<?> javaType, Schema<? extends T> schema) {

        /** Requires both. */
        public Alternative {
            Objects.requireNonNull(javaType, "javaType");
            Objects.requireNonNull(schema, "schema");
        }
    }

    private final String description;
    private final String expectation;
    private final List<Alternative<T>> alternatives;

    private OneOfSchema(Builder<T> b) {
        this.description = b.description;
        this.expectation = b.expectation;
        this.alternatives = List.copyOf(b.alternatives);
    }

    /** A builder with no alternatives yet. */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String typeName() {
        return alternatives.stream().map(a -> a.schema().typeName()).distinct().collect(Collectors.joining(" | "));
    }

    /** What is expected, in words, for errors when no alternative matches the input's shape. */
    public String expectation() {
        return expectation;
    }

    /** The alternatives, in the order they are tried. */
    public List<Alternative<T>> alternatives() {
        return alternatives;
    }

    /** Build a {@link OneOfSchema}; not thread-safe. */
    public static final class Builder<T> {
        private String description = "";
        private String expectation;
        private final List<Alternative<T>> alternatives = new ArrayList<>();

        private Builder() {}

        /** What the value means. */
        public Builder<T> description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** What is expected, in words, for example {@code a glob such as "calc-*" or a map of labels}. */
        public Builder<T> expectation(String expectation) {
            this.expectation = Objects.requireNonNull(expectation, "expectation");
            return this;
        }

        /** Accept the wire form of {@code schema}; values of {@code javaType} are written with it. */
        public <A extends T> Builder<T> alternative(Class<A> javaType, Schema<? extends A> schema) {
            alternatives.add(new Alternative<>(javaType, schema));
            return this;
        }

        /**
         * The schema.
         *
         * @throws IllegalArgumentException without alternatives
         */
        public OneOfSchema<T> build() {
            if (alternatives.isEmpty()) {
                throw new IllegalArgumentException("a one-of schema needs at least one alternative");
            }
            if (expectation == null) {
                expectation = alternatives.stream().map(a -> a.schema().typeName()).distinct()
                        .collect(Collectors.joining(" or "));
            }
            return new OneOfSchema<>(this);
        }
    }
}
