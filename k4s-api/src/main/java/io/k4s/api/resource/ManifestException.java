package io.k4s.api.resource;

import io.k4s.api.K4sException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Report every problem found in a manifest; nothing of it was applied.
 *
 * <p>The message lists all errors, one per line, in {@code FILE:LINE:COL: message} form.
 */
public class ManifestException extends K4sException {

    private final List<ManifestError> errors;

    /** The manifest has these errors (at least one). */
    public ManifestException(List<ManifestError> errors) {
        super(errors.stream().map(ManifestError::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ManifestException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** The errors, in the order they appear in the input. */
    public List<ManifestError> errors() {
        return errors;
    }
}
