package io.k4s.api.schema;

import java.util.List;
import java.util.Objects;

/**
 * A list of items of one schema, bound to an unmodifiable {@link List}.
 *
 * @param <E> the Java type of the items
 */
public final class ListSchema<E> implements Schema<List<E>> {

    private final String description;
    private final Schema<E> items;

    private ListSchema(String description, Schema<E> items) {
        this.description = description;
        this.items = items;
    }

    /** A list whose items follow {@code items}. */
    public static <E> ListSchema<E> of(String description, Schema<E> items) {
        return new ListSchema<>(Objects.requireNonNull(description, "description"),
                Objects.requireNonNull(items, "items"));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String typeName() {
        return "[]" + items.typeName();
    }

    /** The schema of each item. */
    public Schema<E> items() {
        return items;
    }
}
