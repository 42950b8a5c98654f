package io.k4s.api.resource;

import java.util.Objects;
import java.util.function.Function;

/**
 * One column of a kind's table, as {@code get} prints it and as the API server's Table format
 * will serve it. NAME comes first and AGE after the columns that are not wide-only; the printer
 * adds both.
 *
 * <p>The value is what the cell shows: {@code null} or an empty string print as
 * {@code <none>}; a {@link java.util.List} prints its items joined with commas (the first three
 * and a count, unless the output is wide); anything else prints as its {@code toString()}.
 *
 * @param name        the header, upper case, for example {@code READY}
 * @param type        the OpenAPI type of the cell: {@code string}, {@code integer},
 *                    {@code number}, {@code boolean} or {@code date}
 * @param description what the column shows
 * @param wide        whether it shows only with {@code -o wide}
 * @param value       the cell of one resource
 * @param <R>         the resource type
 */
public record PrinterColumn<R>(String name, String type, String description, boolean wide,
                               Function<R, Object> value) {

    /** Requires name, type and value. */
    public PrinterColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        description = description == null ? "" : description;
    }

    /** A string column shown in every table. */
    public static <R> PrinterColumn<R> of(String name, String description, Function<R, Object> value) {
        return new PrinterColumn<>(name, "string", description, false, value);
    }

    /** An integer column shown in every table. */
    public static <R> PrinterColumn<R> integer(String name, String description, Function<R, Object> value) {
        return new PrinterColumn<>(name, "integer", description, false, value);
    }

    /** A copy shown only with {@code -o wide}. */
    public PrinterColumn<R> wideOnly() {
        return new PrinterColumn<>(name, type, description, true, value);
    }
}
