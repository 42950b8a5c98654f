package io.k4s.api.resource;

import io.k4s.api.K4sException;
import io.k4s.api.schema.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Report every problem found in a resource read from JSON or the generic form (maps, lists and
 * scalars); nothing was built from it. Each error names its field path, so an API server can
 * answer with one cause per error.
 */
public class InvalidResourceException extends K4sException {

    private final String kind;
    private final String name;
    private final List<FieldError> errors;

    /**
     * The resource of {@code kind} named {@code name} (either may be empty if unknown) has these
     * errors (at least one).
     */
    public InvalidResourceException(String kind, String name, List<FieldError> errors) {
        super(message(kind, name, errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an InvalidResourceException needs at least one error");
        }
        this.kind = kind == null ? "" : kind;
        this.name = name == null ? "" : name;
        this.errors = List.copyOf(errors);
    }

    private static String message(String kind, String name, List<FieldError> errors) {
        String what = kind == null || kind.isEmpty() ? "the resource" : kind;
        if (name != null && !name.isEmpty()) {
            what += " \"" + name + "\"";
        }
        return what + " is invalid: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
    }

    /** The kind, or empty if it was not known. */
    public String kind() {
        return kind;
    }

    /** The name, or empty if it was not known. */
    public String name() {
        return name;
    }

    /** The errors, in the order of the fields. */
    public List<FieldError> errors() {
        return errors;
    }
}
