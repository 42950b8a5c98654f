package io.k4s.api.schema;

/**
 * Describe one value as it travels on the wire (YAML, JSON, the generic form of maps, lists and
 * scalars) and how it binds to a Java value of type {@code T}.
 *
 * <p>Schemas are immutable values built once (each type has a builder) and shared by every
 * thread. They hold no reflection: getters and constructors are lambdas, so a kind loaded by a
 * plugin class loader binds the same way as a built-in one. The engine that reads and writes
 * wire values against a schema lives in k4s-core ({@code io.k4s.core.schema}); this package only
 * describes. Each schema has a description, which {@code explain} and the API server's OpenAPI
 * document show.
 *
 * @param <T> the Java type of the bound value
 */
public sealed interface Schema<T>
        permits ObjectSchema, StringSchema, IntegerSchema, NumberSchema, BooleanSchema, DurationSchema,
        TimestampSchema, EnumSchema, MapSchema, ListSchema, FreeFormSchema, OneOfSchema, MappedSchema {

    /** A sentence or two for people: what the value means, its unit, its default. */
    String description();

    /**
     * The wire type as {@code explain} names it: {@code string}, {@code integer}, {@code number},
     * {@code boolean}, {@code duration}, {@code time}, an object's type name such as
     * {@code ContainerSpec}, {@code []T} for lists and {@code map[string]T} for maps.
     */
    String typeName();
}
