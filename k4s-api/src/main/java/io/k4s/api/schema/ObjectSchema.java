package io.k4s.api.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A map with named fields in a fixed order, bound to a Java value (usually a record) through a
 * getter per field and one constructor. Unknown fields are errors; a required field that is
 * absent is an error; an optional one that is absent takes its default.
 *
 * <p>When written, a field is left out if its value is {@code null}, or equals its default and
 * is either empty (an empty string, map or list when written) or marked
 * {@link Builder#omitDefault()}: so what is left out reads back as the same value.
 *
 * @param <T> the Java type of the bound value
 */
public final class ObjectSchema<T> implements Schema<T> {

    /**
     * One field.
     *
     * @param name         the name on the wire, for example {@code restartPolicy}
     * @param schema       the field's value
     * @param required     whether it must be present
     * @param defaultValue the value when absent (optional fields); may be null
     * @param description  what it means
     * @param getter       reads the field from the Java value
     * @param omitDefault  whether it is left out when written with its default value
     */
    public record Field<T, V>(String name, Schema<V> schema, boolean required, V defaultValue,
                              String description, Function<T, V> getter, boolean omitDefault) {

        /** Requires name, schema and getter. */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(getter, "getter");
            description = description == null || description.isEmpty() ? schema.description() : description;
        }

        /** The field's value in {@code value}. */
        public V get(T value) {
            return getter.apply(value);
        }
    }

    /**
     * The decoded fields of one map, handed to the constructor. Absent optional fields hold their
     * default. Used by one thread, during one decode.
     */
    public interface Values {

        /** The value of {@code field}: decoded, or its default when absent. */
        <V> V get(String field);

        /** Whether {@code field} was present in the input. */
        boolean present(String field);

        /**
         * Report that {@code field} is wrong (at the field, or at the map if it is absent); the
         * constructor then returns {@code null}. {@code field} may be a path into a nested field,
         * such as {@code template.spec.restartPolicy}: the problem is placed at the deepest part
         * of it that the input has.
         */
        void problem(String field, String message);
    }

    /** Check a decoded value beyond its fields' schemas: rules across fields. */
    @FunctionalInterface
    public interface Validation<T> {

        /**
         * The problems of {@code value}, each with a field path relative to this object (such as
         * {@code spec.color} for a resource); empty if it is valid.
         */
        List<FieldError> validate(T value, ValidationContext context);
    }

    private final String name;
    private final String description;
    private final List<Field<T, ?>> fields;
    private final Map<String, Field<T, ?>> byName = new HashMap<>();
    private final List<String> fieldNames;
    private final Function<Values, T> constructor;
    private final List<Validation<T>> validations;

    private ObjectSchema(Builder<T> b, Function<Values, T> constructor) {
        this.name = b.name;
        this.description = b.description;
        this.fields = List.copyOf(b.fields);
        fields.forEach(f -> byName.put(f.name(), f));
        this.fieldNames = fields.stream().map(Field::name).toList();
        this.constructor = constructor;
        this.validations = List.copyOf(b.validations);
    }

    /** A builder for an object whose type {@code explain} names {@code name}, for example {@code ContainerSpec}. */
    public static <T> Builder<T> builder(String name) {
        return new Builder<>(name);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String typeName() {
        return name;
    }

    /** The fields, in wire order. */
    public List<Field<T, ?>> fields() {
        return fields;
    }

    /** The field named {@code name}, if there is one. */
    public Optional<Field<T, ?>> field(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The field names, in wire order. */
    public List<String> fieldNames() {
        return fieldNames;
    }

    /**
     * Build the Java value from decoded fields.
     *
     * @return the value, or {@code null} after {@link Values#problem} was reported
     * @throws IllegalArgumentException from the constructor, saying what is wrong
     */
    public T construct(Values values) {
        return constructor.apply(values);
    }

    /**
     * The problems the object's validations find in {@code value}, which its fields' schemas
     * accepted; paths are relative to this object.
     */
    public List<FieldError> validate(T value, ValidationContext context) {
        List<FieldError> errors = new ArrayList<>();
        validations.forEach(v -> errors.addAll(v.validate(value, context)));
        return errors;
    }

    /** Build an {@link ObjectSchema}; not thread-safe. */
    public static final class Builder<T> {
        private final String name;
        private String description = "";
        private final List<Field<T, ?>> fields = new ArrayList<>();
        private final List<Validation<T>> validations = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** What the object means. */
        public Builder<T> description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * Add a field that must be present.
         *
         * @throws IllegalArgumentException if the name is taken
         */
        public <V> Builder<T> required(String name, Schema<V> schema, Function<T, V> getter, String description) {
            return add(new Field<>(name, schema, true, null, description, getter, false));
        }

        /**
         * Add a field that may be absent, then taking {@code defaultValue} (may be null).
         *
         * @throws IllegalArgumentException if the name is taken
         */
        public <V> Builder<T> optional(String name, Schema<V> schema, Function<T, V> getter, V defaultValue,
                                       String description) {
            return add(new Field<>(name, schema, false, defaultValue, description, getter, false));
        }

        /**
         * Add every field of {@code other}, read from the value {@code part} returns: how a
         * kind's spec fields sit next to {@code metadata}, as a ConfigMap's {@code data} does.
         *
         * @throws IllegalArgumentException if a name is taken
         */
        public <P> Builder<T> inline(ObjectSchema<P> other, Function<T, P> part) {
            for (Field<P, ?> f : other.fields()) {
                add(inlined(f, part));
            }
            return this;
        }

        private static <T, P, V> Field<T, V> inlined(Field<P, V> f, Function<T, P> part) {
            return new Field<>(f.name(), f.schema(), f.required(), f.defaultValue(), f.description(),
                    t -> f.get(part.apply(t)), f.omitDefault());
        }

        /** Check decoded values across fields, after the fields' own schemas accepted them. */
        public Builder<T> validation(Validation<T> validation) {
            validations.add(Objects.requireNonNull(validation, "validation"));
            return this;
        }

        /**
         * Leave the field added last out when it is written with its default value (for
         * counters such as {@code generation} whose default means "not set").
         *
         * @throws IllegalStateException if no field was added
         */
        public Builder<T> omitDefault() {
            if (fields.isEmpty()) {
                throw new IllegalStateException("omitDefault() applies to the field added last; add one first");
            }
            fields.set(fields.size() - 1, omitting(fields.getLast()));
            return this;
        }

        private static <T, V> Field<T, V> omitting(Field<T, V> f) {
            return new Field<>(f.name(), f.schema(), f.required(), f.defaultValue(), f.description(), f.getter(), true);
        }

        private Builder<T> add(Field<T, ?> field) {
            if (fields.stream().anyMatch(f -> f.name().equals(field.name()))) {
                throw new IllegalArgumentException(name + " has two fields named \"" + field.name() + "\"");
            }
            fields.add(field);
            return this;
        }

        /**
         * The schema, with {@code constructor} building the Java value from the decoded fields.
         * The constructor may throw {@link IllegalArgumentException} (reported at the map) or
         * report with {@link Values#problem} and return null.
         */
        public ObjectSchema<T> build(Function<Values, T> constructor) {
            return new ObjectSchema<>(this, Objects.requireNonNull(constructor, "constructor"));
        }
    }
}
