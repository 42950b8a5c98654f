package io.k4s.api.resource;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Choose the thread a container's worker runs on, as a Pekko dispatcher is chosen per actor.
 *
 * <p>Java cannot preempt a virtual thread: a handler that computes for a long time holds its
 * carrier (one of as many as there are cores) until it returns, and as many such handlers as
 * cores stop every other virtual-thread container. A container that does CPU-bound work (long
 * computations, tight loops, compression, cryptography) or calls code that pins its carrier
 * (blocking inside {@code synchronized} on Java 21, native calls) should run on its own
 * platform thread, which the operating system time-slices with every other thread.
 */
public enum ContainerExecutor {
    /** A virtual thread (the default): cheap, fit for I/O-bound and short handlers. */
    VIRTUAL("virtual"),
    /** A platform thread of its own: for CPU-bound or pinning work; costs an OS thread. */
    PLATFORM("platform");

    private final String text;

    ContainerExecutor(String text) {
        this.text = text;
    }

    /** The manifest spelling, for example {@code platform}. */
    public String text() {
        return text;
    }

    /**
     * Read the manifest spelling (case-insensitive).
     *
     * @throws IllegalArgumentException listing the accepted values
     */
    public static ContainerExecutor parse(String text) {
        for (ContainerExecutor e : values()) {
            if (e.text.equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.stream(values())
                .map(ContainerExecutor::text).collect(Collectors.joining(", ")) + ", got \"" + text + "\"");
    }
}
