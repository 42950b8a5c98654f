package io.k4s.api.resource;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Choose which endpoint of a service receives a message. */
public enum LoadBalancing {
    /** A uniformly random endpoint (the default, as in the seed). */
    RANDOM("Random"),
    /** Each endpoint in turn. */
    ROUND_ROBIN("RoundRobin"),
    /** The endpoint with the fewest messages waiting in its mailbox. */
    LEAST_LOADED("LeastLoaded");

    private final String text;

    LoadBalancing(String text) {
        this.text = text;
    }

    /** The manifest spelling, for example {@code RoundRobin}. */
    public String text() {
        return text;
    }

    /**
     * Read the manifest spelling (case-insensitive; {@code round-robin} also works).
     *
     * @throws IllegalArgumentException listing the accepted values
     */
    public static LoadBalancing parse(String text) {
        String squashed = text == null ? "" : text.replace("-", "").replace("_", "");
        for (LoadBalancing p : values()) {
            if (p.text.equalsIgnoreCase(squashed)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.stream(values())
                .map(LoadBalancing::text).collect(Collectors.joining(", ")) + ", got \"" + text + "\"");
    }
}
