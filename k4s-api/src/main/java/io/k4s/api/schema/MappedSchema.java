package io.k4s.api.schema;

import java.util.Objects;
import java.util.function.Function;

/**
 * A value that travels as one schema's wire form and binds to another Java type: a glob string
 * read as a {@code Selector.Glob}, a {@code "True"}/{@code "False"} string read as a boolean.
 *
 * @param <T> the Java type of the bound value
 * @param <W> the Java type of the wire schema's value
 */
public final class MappedSchema<T, W> implements Schema<T> {

    private final String description;
    private final Schema<W> wire;
    private final Function<W, T> read;
    private final Function<T, W> write;

    private MappedSchema(String description, Schema<W> wire, Function<W, T> read, Function<T, W> write) {
        this.description = description;
        this.wire = wire;
        this.read = read;
        this.write = write;
    }

    /**
     * A value read through {@code wire} and then {@code read}, written with {@code write} and then
     * {@code wire}. {@code read} may throw {@link IllegalArgumentException}: its message is
     * reported at the value.
     */
    public static <T, W> MappedSchema<T, W> of(String description, Schema<W> wire, Function<W, T> read,
                                               Function<T, W> write) {
        return new MappedSchema<>(Objects.requireNonNull(description, "description"),
                Objects.requireNonNull(wire, "wire"), Objects.requireNonNull(read, "read"),
                Objects.requireNonNull(write, "write"));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String typeName() {
        return wire.typeName();
    }

    /** The schema of the wire form. */
    public Schema<W> wire() {
        return wire;
    }

    /**
     * The Java value of a wire value.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public T read(W value) {
        return read.apply(value);
    }

    /** The wire value of a Java value. */
    public W write(T value) {
        return write.apply(value);
    }
}
