package io.k4s.api.schema;

import java.time.Instant;
import java.util.Objects;

/**
 * A point in time, written as RFC 3339 ({@code 2026-01-02T03:04:05Z}, fractions and offsets
 * allowed) and bound to {@link Instant}; written back in UTC with every digit it has.
 */
public final class TimestampSchema implements Schema<Instant> {

    private final String description;

    private TimestampSchema(String description) {
        this.description = description;
    }

    /** A timestamp. */
    public static TimestampSchema of(String description) {
        return new TimestampSchema(Objects.requireNonNull(description, "description"));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String typeName() {
        return "time";
    }
}
