package io.k4s.demo;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.runtime.ContainerState;
import io.k4s.api.runtime.LogLine;
import io.k4s.core.K4sCluster;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code logs ctr/NAME [--tail N] [-f] [--previous] [--timestamps]}: print a container's log
 * lines (what its worker wrote through {@code context.log()} and the runtime's {@code [k4s]}
 * lifecycle lines), as {@code kubectl logs}. For another kind ({@code deploy/NAME},
 * {@code rs/NAME}, {@code job/NAME}), it picks one of the containers the resource controls
 * (directly or through its ReplicaSets), the ready ones first, and says which, as kubectl does.
 * With {@code -f} it then prints new lines until Ctrl-C, a line {@code exit}, the end of the
 * input, or the container's end.
 *
 * <p>Runs on the shell thread; an interrupt of that thread (Ctrl-C) ends the following.
 */
final class Logs {

    private static final long POLL_MILLIS = 100;

    private final K4sCluster cluster;
    private final Lines lines;
    private final PrintStream out;
    private final PrintStream err;

    Logs(K4sCluster cluster, Lines lines, PrintStream out, PrintStream err) {
        this.cluster = cluster;
        this.lines = lines;
        this.out = out;
        this.err = err;
    }

    /** Print the lines of the container {@code target} names in {@code namespace}, as the flags say. */
    void print(String target, String namespace, Integer tail, boolean follow, boolean previous, boolean timestamps) {
        if (tail != null && tail < 0) {
            throw new IllegalArgumentException("--tail: expected 0 or more lines, got " + tail);
        }
        if (follow && previous) {
            throw new IllegalArgumentException("give -f or --previous, not both: a previous run writes no more lines");
        }
        ResourceKey key = container(target, namespace);
        // Follow first, then copy: a line written in between is in both, and dropped from the queue.
        LinkedBlockingQueue<LogLine> later = new LinkedBlockingQueue<>();
        Optional<AutoCloseable> following = follow ? cluster.runtime().followLogs(key, later::add) : Optional.empty();
        List<LogLine> kept = cluster.runtime().logs(key, previous).orElseThrow(() -> new IllegalArgumentException(
                "container " + key + " is not running here, so it has no logs"));
        if (previous && kept.isEmpty()) {
            throw new IllegalArgumentException("container " + key + " has no previous run: it was not restarted");
        }
        int from = tail == null ? 0 : Math.max(0, kept.size() - tail);
        for (LogLine line : kept.subList(from, kept.size())) {
            out.println(line.format(timestamps));
        }
        if (following.isPresent()) {
            try (AutoCloseable handle = following.get()) {
                followLines(key, new HashSet<>(kept), later, timestamps);
            } catch (InterruptedException e) {
                // Ctrl-C: following ends, the shell goes on. Nothing to restore: the flag was cleared.
                err.println("(logs ended)");
            } catch (Exception e) {
                throw new IllegalStateException("could not stop following the logs of " + key + ": " + e, e);
            }
        }
    }

    /** Print lines as they come, except those printed already ({@code printed}). */
    private void followLines(ResourceKey key, Set<LogLine> printed, LinkedBlockingQueue<LogLine> later,
                             boolean timestamps) throws InterruptedException {
        Optional<ContainerState> followed = cluster.runtime().state(key);
        while (!lines.endsFollowing(err, "(following logs: type exit or press Ctrl-C to stop)")) {
            LogLine line = later.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!sameLiveRun(cluster.runtime().state(key), followed)) {
                    return;
                }
                continue;
            }
            if (!printed.remove(line)) {
                out.println(line.format(timestamps));
            }
        }
    }

    /** Whether {@code now} is still the container {@code followed} was (same uid and generation) and has not ended. */
    private static boolean sameLiveRun(Optional<ContainerState> now, Optional<ContainerState> followed) {
        return now.isPresent() && followed.isPresent() && !now.get().ended()
                && now.get().sameContainer(followed.get());
    }

    /** The container {@code target} names: {@code ctr/NAME}, {@code NAME}, or one that {@code KIND/NAME} controls. */
    private ResourceKey container(String target, String namespace) {
        if (!target.contains("/")) {
            return ResourceKey.of(namespace, target);
        }
        Words.Target t = Words.target(List.of(target), "logs", cluster.kinds());
        Resource owner = cluster.resources().list(t.kind().type(), namespace).items().stream()
                .filter(r -> r.metadata().name().equals(t.name())).findFirst()
                .orElseThrow(() -> ResourceCommands.notFound(t.kind(), namespace, t.name()));
        if (owner instanceof Container c) {
            return c.key();
        }
        List<Container> controlled = controlledContainers(owner, namespace);
        if (controlled.isEmpty()) {
            throw new IllegalArgumentException(t.kind().kind() + " " + t.name() + " has no containers");
        }
        Container picked = controlled.getFirst();
        if (controlled.size() > 1) {
            err.println("Found " + controlled.size() + " containers, using container/" + picked.metadata().name());
        }
        return picked.key();
    }

    /** The containers {@code owner} controls, directly or through what it controls; ready first, then by name. */
    private List<Container> controlledContainers(Resource owner, String namespace) {
        Set<String> owners = new HashSet<>();
        owners.add(owner.metadata().uid());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ResourceKind<?> kind : cluster.kinds().kinds()) {
                for (Resource r : cluster.resources().list(kind.type(), namespace).items()) {
                    boolean controlled = r.metadata().controller().map(o -> owners.contains(o.uid())).orElse(false);
                    if (controlled && owners.add(r.metadata().uid())) {
                        grew = true;
                    }
                }
            }
        }
        return cluster.resources().list(Container.class, namespace).items().stream()
                .filter(c -> c.metadata().controller().map(o -> owners.contains(o.uid())).orElse(false))
                .sorted(Comparator.comparing((Container c) -> !c.status().ready())
                        .thenComparing(c -> c.metadata().name()))
                .toList();
    }
}
