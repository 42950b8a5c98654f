package io.k4s.api.resource;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Decide whether a container that ended is started again. */
public enum RestartPolicy {
    /** Restart after a crash and after a clean exit (the default). */
    ALWAYS("Always"),
    /** Restart after a crash only. */
    ON_FAILURE("OnFailure"),
    /** Never restart. */
    NEVER("Never");

    private final String text;

    RestartPolicy(String text) {
        this.text = text;
    }

    /** The manifest spelling, for example {@code OnFailure}. */
    public String text() {
        return text;
    }

    /**
     * Read the manifest spelling (case-insensitive).
     *
     * @throws IllegalArgumentException listing the accepted values
     */
    public static RestartPolicy parse(String text) {
        for (RestartPolicy p : values()) {
            if (p.text.equalsIgnoreCase(text) || p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.stream(values())
                .map(RestartPolicy::text).collect(Collectors.joining(", ")) + ", got \"" + text + "\"");
    }
}
