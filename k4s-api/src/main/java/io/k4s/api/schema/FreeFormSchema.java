package io.k4s.api.schema;

import java.util.Map;
import java.util.Objects;

/**
 * Any tree of maps (string keys), lists and scalars, bound to plain Java values: unmodifiable
 * {@code Map} and {@code List}, {@code String}, {@code Boolean}, {@code Integer} (or
 * {@code Long} when it does not fit), {@code Double} and {@code null}. A worker's
 * {@code params} are free-form.
 *
 * <p>Because YAML aliases can make a small text expand enormously, one free-form value holds at
 * most {@link #maxValues()} values and nests at most {@link #maxDepth()} levels; more is an error
 * at the value itself.
 *
 * @param <T> {@code Map<String, Object>} for {@link #map()}, {@code Object} for {@link #any()}
 */
public final class FreeFormSchema<T> implements Schema<T> {

    /** The most values one free-form value may hold, unless configured. */
    public static final int DEFAULT_MAX_VALUES = 10_000;

    /** The deepest one free-form value may nest, unless configured. */
    public static final int DEFAULT_MAX_DEPTH = 50;

    private final String description;
    private final boolean mapOnly;
    private final String expectation;
    private final int maxValues;
    private final int maxDepth;

    private FreeFormSchema(Builder<T> b) {
        this.description = b.description;
        this.mapOnly = b.mapOnly;
        this.expectation = b.expectation;
        this.maxValues = b.maxValues;
        this.maxDepth = b.maxDepth;
    }

    /** A builder for a free-form map (the top level must be a map). */
    public static Builder<Map<String, Object>> map() {
        return new Builder<>(true, "a map");
    }

    /** A builder for any free-form value, a scalar included. */
    public static Builder<Object> any() {
        return new Builder<>(false, "a value");
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String typeName() {
        return mapOnly ? "Object" : "any";
    }

    /** Whether the top level must be a map. */
    public boolean mapOnly() {
        return mapOnly;
    }

    /** What is expected, in words, for errors: {@code a map of parameters}. */
    public String expectation() {
        return expectation;
    }

    /** The most values (maps, lists and scalars, counted after expanding aliases) it may hold. */
    public int maxValues() {
        return maxValues;
    }

    /** The deepest it may nest. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Build a {@link FreeFormSchema}; not thread-safe. */
    public static final class Builder<T> {
        private final boolean mapOnly;
        private String expectation;
        private String description = "";
        private int maxValues = DEFAULT_MAX_VALUES;
        private int maxDepth = DEFAULT_MAX_DEPTH;

        private Builder(boolean mapOnly, String expectation) {
            this.mapOnly = mapOnly;
            this.expectation = expectation;
        }

        /** What the value means. */
        public Builder<T> description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** What is expected, in words, for errors, for example {@code a map of parameters}. */
        public Builder<T> expectation(String expectation) {
            this.expectation = Objects.requireNonNull(expectation, "expectation");
            return this;
        }

        /**
         * The most values it may hold.
         *
         * @throws IllegalArgumentException if less than 1
         */
        public Builder<T> maxValues(int maxValues) {
            if (maxValues < 1) {
                throw new IllegalArgumentException("maxValues must be at least 1, got " + maxValues);
            }
            this.maxValues = maxValues;
            return this;
        }

        /**
         * The deepest it may nest.
         *
         * @throws IllegalArgumentException if less than 1
         */
        public Builder<T> maxDepth(int maxDepth) {
            if (maxDepth < 1) {
                throw new IllegalArgumentException("maxDepth must be at least 1, got " + maxDepth);
            }
            this.maxDepth = maxDepth;
            return this;
        }

        /** The schema. */
        public FreeFormSchema<T> build() {
            return new FreeFormSchema<>(this);
        }
    }
}
