package io.k4s.api.resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Report what the nodes found in an image and who uses it: one entry per node that holds it
 * ({@link #nodes()}, each written by that node's agent alone), summed up in the other fields.
 * With one node the summary is that node's entry.
 *
 * @param phase          the best phase on any node: Available if one node can start containers from
 *                       it, else Broken, Removed or Pending
 * @param source         the jar or folder it was loaded from on the first node (by name) in that
 *                       phase, or empty
 * @param files          the jars on its class path on that node (one for a jar image)
 * @param workers        the worker types it offers, by name, on any node
 * @param problems       why it could not be loaded (file and reason each), on any node; empty when
 *                       it loaded everywhere
 * @param containers     {@code NAMESPACE/NAME} of the containers that run on it, on any node,
 *                       sorted, at most {@value #MAX_LISTED}
 * @param containerCount how many containers run on it, on all nodes
 * @param loadedAt       when it was loaded on the node {@code source} names, or {@code null}
 * @param nodes          what each node that holds it reports, sorted by node name
 */
public record ImageStatus(ImagePhase phase, String source, List<String> files, List<ImageWorker> workers,
                          List<String> problems, List<String> containers, int containerCount, Instant loadedAt,
                          List<ImageNodeStatus> nodes) {

    /** The most container names {@link #containers()} lists; {@link #containerCount()} counts them all. */
    public static final int MAX_LISTED = 20;

    /** Nothing reported yet. */
    public static final ImageStatus EMPTY = new ImageStatus(ImagePhase.PENDING, "", List.of(), List.of(), List.of(),
            List.of(), 0, null, List.of());

    /** The order in which a phase on one node speaks for the image: the first one a node has wins. */
    private static final List<ImagePhase> BEST_FIRST = List.of(ImagePhase.AVAILABLE, ImagePhase.BROKEN,
            ImagePhase.REMOVED, ImagePhase.PENDING);

    /** Applies defaults and copies the lists. */
    public ImageStatus {
        Objects.requireNonNull(phase, "phase");
        source = source == null ? "" : source;
        files = files == null ? List.of() : List.copyOf(files);
        workers = workers == null ? List.of() : List.copyOf(workers);
        problems = problems == null ? List.of() : List.copyOf(problems);
        containers = containers == null ? List.of() : List.copyOf(containers);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        checkCount(containers, containerCount);
    }

    /** The status of an image that {@code nodes} hold, each reporting its own entry; empty when none does. */
    public static ImageStatus of(List<ImageNodeStatus> nodes) {
        List<ImageNodeStatus> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparing(ImageNodeStatus::node));
        if (sorted.isEmpty()) {
            return EMPTY;
        }
        ImagePhase phase = BEST_FIRST.stream().filter(p -> sorted.stream().anyMatch(n -> n.phase() == p)).findFirst()
                .orElseThrow();
        ImageNodeStatus shown = sorted.stream().filter(n -> n.phase() == phase).findFirst().orElseThrow();
        Map<String, ImageWorker> workers = new LinkedHashMap<>();
        Set<String> problems = new LinkedHashSet<>();
        Set<String> containers = new TreeSet<>();
        int count = 0;
        for (ImageNodeStatus n : sorted) {
            n.workers().forEach(w -> workers.putIfAbsent(w.name(), w));
            problems.addAll(n.problems());
            containers.addAll(n.containers());
            count += n.containerCount();
        }
        List<String> listed = containers.stream().limit(MAX_LISTED).toList();
        return new ImageStatus(phase, shown.source(), shown.files(), List.copyOf(workers.values()),
                List.copyOf(problems), listed, Math.max(count, listed.size()), shown.loadedAt(), sorted);
    }

    /** What node {@code name} reports, if it holds the image. */
    public Optional<ImageNodeStatus> node(String name) {
        return nodes.stream().filter(n -> n.node().equals(name)).findFirst();
    }

    /** A copy in which {@code entry} replaces what its node reported before. */
    public ImageStatus withNode(ImageNodeStatus entry) {
        List<ImageNodeStatus> copy = new ArrayList<>(nodes.size() + 1);
        nodes.stream().filter(n -> !n.node().equals(entry.node())).forEach(copy::add);
        copy.add(entry);
        return of(copy);
    }

    /** A copy without what node {@code name} reported. */
    public ImageStatus withoutNode(String name) {
        return of(nodes.stream().filter(n -> !n.node().equals(name)).toList());
    }

    /** Checks that a count covers the names listed, and that at most {@value #MAX_LISTED} are. */
    static void checkCount(List<String> containers, int containerCount) {
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
