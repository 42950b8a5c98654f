package io.k4s.core.schema;

/** What a node of an input tree is, as far as a schema cares. */
public enum Shape {
    /** A map with string keys. */
    MAP,
    /** A list. */
    LIST,
    /** Text (in YAML: a quoted scalar, or plain text that is no other type). */
    STRING,
    /** A whole number. */
    INTEGER,
    /** A number with a fraction, or infinity, or NaN. */
    FLOAT,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** {@code null} (in YAML also an empty value or {@code ~}). */
    NULL,
    /** A YAML timestamp written without quotes, such as {@code 2026-01-02T03:04:05Z}. */
    TIMESTAMP,
    /** Anything else, such as a Java object in a generic tree that is not a plain value. */
    OTHER;

    /** Whether this is a scalar with a text form (not a map, a list, null or other). */
    public boolean scalar() {
        return this != MAP && this != LIST && this != NULL && this != OTHER;
    }
}
