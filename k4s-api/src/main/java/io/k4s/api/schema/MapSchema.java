package io.k4s.api.schema;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A map from string keys to values of one schema, bound to an unmodifiable {@link Map} that keeps
 * the order of the input. An optional entry check says what is wrong with a key and its value
 * (labels check both as Kubernetes does).
 *
 * @param <V> the Java type of the values
 */
public final class MapSchema<V> implements Schema<Map<String, V>> {

    private final String description;
    private final Schema<V> values;
    private final BiFunction<String, V, String> entryCheck;

    private MapSchema(Builder<V> b) {
        this.description = b.description;
        this.values = b.values;
        this.entryCheck = b.entryCheck;
    }

    /** A builder for a map whose values follow {@code values}. */
    public static <V> Builder<V> builder(Schema<V> values) {
        return new Builder<>(values);
    }

    /** A map whose values follow {@code values}, with no entry check. */
    public static <V> MapSchema<V> of(String description, Schema<V> values) {
        return builder(values).description(description).build();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String typeName() {
        return "map[string]" + values.typeName();
    }

    /** The schema of each value. */
    public Schema<V> values() {
        return values;
    }

    /** Say what is wrong with an entry, or return {@code null} if it is valid. */
    public String problem(String key, V value) {
        return entryCheck == null ? null : entryCheck.apply(key, value);
    }

    /** Build a {@link MapSchema}; not thread-safe. */
    public static final class Builder<V> {
        private final Schema<V> values;
        private String description = "";
        private BiFunction<String, V, String> entryCheck;

        private Builder(Schema<V> values) {
            this.values = Objects.requireNonNull(values, "values");
        }

        /** What the map means. */
        public Builder<V> description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** {@code problemOrNull} says what is wrong with a key and its value, or returns null. */
        public Builder<V> entryCheck(BiFunction<String, V, String> problemOrNull) {
            this.entryCheck = Objects.requireNonNull(problemOrNull, "problemOrNull");
            return this;
        }

        /** The schema. */
        public MapSchema<V> build() {
            return new MapSchema<>(this);
        }
    }
}
