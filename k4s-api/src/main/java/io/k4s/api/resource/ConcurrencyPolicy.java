package io.k4s.api.resource;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Decide what a CronJob does when a Job is due while an earlier one still runs. */
public enum ConcurrencyPolicy {
    /** Start the new Job anyway (the default). */
    ALLOW("Allow"),
    /** Skip the new Job while one runs; a missed run starts late, within startingDeadlineSeconds. */
    FORBID("Forbid"),
    /** Delete the running Job and start the new one. */
    REPLACE("Replace");

    private final String text;

    ConcurrencyPolicy(String text) {
        this.text = text;
    }

    /** The manifest spelling, for example {@code Forbid}. */
    public String text() {
        return text;
    }

    /**
     * Read the manifest spelling (case-insensitive).
     *
     * @throws IllegalArgumentException listing the accepted values
     */
    public static ConcurrencyPolicy parse(String text) {
        for (ConcurrencyPolicy p : values()) {
            if (p.text.equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.stream(values())
                .map(ConcurrencyPolicy::text).collect(Collectors.joining(", ")) + ", got \"" + text + "\"");
    }
}
