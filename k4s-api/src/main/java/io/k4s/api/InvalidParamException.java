package io.k4s.api;

/**
 * Report that a container parameter ({@code spec.params.NAME}) is missing or has the wrong type.
 *
 * <p>Thrown by {@link Params}; thrown from {@link Worker#start} it crashes the container with
 * this message as the reason, so a bad manifest is visible in {@code describe}.
 */
public class InvalidParamException extends K4sException {

    private final String param;

    /** Parameter {@code param} is wrong: {@code problem} says how. */
    public InvalidParamException(String param, String problem) {
        super("spec.params." + param + ": " + problem);
        this.param = param;
    }

    /** The parameter's name. */
    public String param() {
        return param;
    }
}
