package io.k4s.core.schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Read RFC 3339 times ({@code 2026-01-02T03:04:05Z}, with a fraction or an offset). Stateless. */
final class Timestamps {

    private Timestamps() {}

    /** The instant {@code text} spells, or {@code null}. */
    static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
