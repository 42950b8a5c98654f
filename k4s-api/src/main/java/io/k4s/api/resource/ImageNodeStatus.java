package io.k4s.api.resource;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Report what one node found in an image and which of its containers use it: the entry that node's
 * agent writes in {@link ImageStatus#nodes()}, and only that node.
 *
 * @param node           the node's name
 * @param phase          whether containers can start from it on that node
 * @param source         the jar or folder it was loaded from there, or empty
 * @param files          the jars on its class path (one for a jar image)
 * @param workers        the worker types it offers, by name
 * @param problems       why it could not be loaded (file and reason each); empty when it loaded
 * @param containers     {@code NAMESPACE/NAME} of the node's containers that run on it, sorted, at
 *                       most {@value ImageStatus#MAX_LISTED}
 * @param containerCount how many of the node's containers run on it
 * @param loadedAt       when it was loaded there, or {@code null}
 */
public record ImageNodeStatus(String node, ImagePhase phase, String source, List<String> files,
                              List<ImageWorker> workers, List<String> problems, List<String> containers,
                              int containerCount, Instant loadedAt) {

    /** Requires the node and phase; applies defaults and copies the lists. */
    public ImageNodeStatus {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(phase, "phase");
        source = source == null ? "" : source;
        files = files == null ? List.of() : List.copyOf(files);
        workers = workers == null ? List.of() : List.copyOf(workers);
        problems = problems == null ? List.of() : List.copyOf(problems);
        containers = containers == null ? List.of() : List.copyOf(containers);
        ImageStatus.checkCount(containers, containerCount);
    }
}
