package io.k4s.api.resource;

/** Summarise where a container is in its life, as a Kubernetes pod phase does. */
public enum ContainerPhase {
    /** Accepted, not started yet (or waiting to start). */
    PENDING("Pending"),
    /** Started; see {@code ready} and {@code reason} for details such as CrashLoopBackOff. */
    RUNNING("Running"),
    /** Ended cleanly and will not be restarted. */
    SUCCEEDED("Succeeded"),
    /** Ended with an error and will not be restarted. */
    FAILED("Failed");

    private final String text;

    ContainerPhase(String text) {
        this.text = text;
    }

    /** The spelling used in status and output, for example {@code Running}. */
    public String text() {
        return text;
    }

    /**
     * Read the spelling used in status.
     *
     * @throws IllegalArgumentException if it is none of the phases
     */
    public static ContainerPhase parse(String text) {
        for (ContainerPhase p : values()) {
            if (p.text.equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected Pending, Running, Succeeded or Failed, got \"" + text + "\"");
    }
}
