package io.k4s.api.resource;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Report what a node found in an image and who uses it.
 *
 * @param phase          whether containers can start from it
 * @param source         the jar or folder it was loaded from, or empty
 * @param files          the jars on its class path (one for a jar image)
 * @param workers        the worker types it offers, by name
 * @param problems       why it could not be loaded (file and reason each); empty when it loaded
 * @param containers     {@code NAMESPACE/NAME} of the containers that run on it, sorted, at most
 *                       {@value #MAX_LISTED}
 * @param containerCount how many containers run on it
 * @param loadedAt       when it was loaded, or {@code null}
 */
public record ImageStatus(ImagePhase phase, String source, List<String> files, List<ImageWorker> workers,
                          List<String> problems, List<String> containers, int containerCount, Instant loadedAt) {

    /** The most container names {@link #containers()} lists; {@link #containerCount()} counts them all. */
    public static final int MAX_LISTED = 20;

    /** Nothing reported yet. */
    public static final ImageStatus EMPTY = new ImageStatus(ImagePhase.PENDING, "", List.of(), List.of(), List.of(),
            List.of(), 0, null);

    /** Applies defaults and copies the lists. */
    public ImageStatus {
        Objects.requireNonNull(phase, "phase");
        source = source == null ? "" : source;
        files = files == null ? List.of() : List.copyOf(files);
        workers = workers == null ? List.of() : List.copyOf(workers);
        problems = problems == null ? List.of() : List.copyOf(problems);
        containers = containers == null ? List.of() : List.copyOf(containers);
        if (containers.size() > MAX_LISTED) {
            throw new IllegalArgumentException("containers lists " + containers.size() + " names; at most "
                    + MAX_LISTED + " are kept (containerCount counts them all)");
        }
        if (containerCount < containers.size()) {
            throw new IllegalArgumentException("containerCount " + containerCount + " is less than the "
                    + containers.size() + " containers listed");
        }
    }
}
