package io.k4s.api.resource;

/**
 * Describe one problem in a manifest: where it is and what is wrong.
 *
 * @param source  the file name, or {@code <string>}
 * @param line    the 1-based line, or 0 if unknown
 * @param column  the 1-based column, or 0 if unknown
 * @param kind    the document's kind, or empty if unknown
 * @param name    the document's name, or empty if unknown
 * @param field   the field path such as {@code spec.replicas}, or empty
 * @param message what is wrong and what was expected
 */
public record ManifestError(String source, int line, int column, String kind, String name,
                            String field, String message) {

    /** Replaces nulls with empty strings. */
    public ManifestError {
        source = source == null ? "<string>" : source;
        kind = kind == null ? "" : kind;
        name = name == null ? "" : name;
        field = field == null ? "" : field;
        message = message == null ? "" : message;
    }

    /**
     * {@code FILE:LINE:COL: Kind "name": field: message}, for example
     * {@code app.yaml:14:7: ReplicaSet "calc": spec.replicas: expected a non-negative integer, got "three"}.
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(source).append(':').append(line).append(':').append(column).append(": ");
        if (!kind.isEmpty()) {
            b.append(kind);
            if (!name.isEmpty()) {
                b.append(" \"").append(name).append('"');
            }
            b.append(": ");
        } else if (!name.isEmpty()) {
            b.append('"').append(name).append("\": ");
        }
        if (!field.isEmpty()) {
            b.append(field).append(": ");
        }
        return b.append(message).toString();
    }
}
