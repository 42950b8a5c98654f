package io.k4s.demo;

import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.K4sCluster;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Follow changes for {@code get -w}: print a row for every resource that is added, changed or
 * deleted, until Ctrl-C, a line {@code exit} (or {@code quit}), or the end of the input (which
 * also ends the shell). Other lines typed meanwhile are ignored with a hint.
 *
 * <p>Runs on the shell thread; an interrupt of that thread (Ctrl-C) ends the watch.
 */
final class GetWatch {

    /** How often the watch looks at the input while no event arrives. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final K4sCluster cluster;
    private final Lines lines;
    private final PrintStream err;

    GetWatch(K4sCluster cluster, Lines lines, PrintStream err) {
        this.cluster = cluster;
        this.lines = lines;
        this.err = err;
    }

    /**
     * Print, with {@code rows}, each change after revision {@code from} of a resource of
     * {@code kinds} in {@code namespace} ({@code null}: all) that {@code filter} accepts.
     */
    void run(List<ResourceKind<?>> kinds, String namespace, long from, Predicate<Resource> filter,
             BiConsumer<ResourceKind<?>, List<Resource>> rows) {
        Watch watch = cluster.resources().watch(kinds.size() == 1 ? kinds.get(0).type() : null, namespace, from);
        try {
            while (true) {
                if (inputEndsWatch()) {
                    return;
                }
                WatchEvent event = watch.next(POLL);
                switch (event) {
                    case null -> { }
                    case WatchEvent.Added e -> show(e.resource(), kinds, filter, rows);
                    case WatchEvent.Modified e -> show(e.resource(), kinds, filter, rows);
                    case WatchEvent.Deleted e -> show(e.resource(), kinds, filter, rows);
                    case WatchEvent.Expired e -> {
                        // Fell behind a burst of writes: watch again from now (a change may be skipped).
                        watch.close();
                        watch = cluster.resources().watch(kinds.size() == 1 ? kinds.get(0).type() : null, namespace,
                                cluster.resources().resourceVersion());
                    }
                }
            }
        } catch (InterruptedException e) {
            // Ctrl-C: the watch ends, the shell goes on. Nothing to restore: the flag was cleared.
            err.println("(watch ended)");
        } finally {
            watch.close();
        }
    }

    private static void show(Resource r, List<ResourceKind<?>> kinds, Predicate<Resource> filter,
                             BiConsumer<ResourceKind<?>, List<Resource>> rows) {
        if (!filter.test(r)) {
            return;
        }
        kinds.stream().filter(k -> k.type() == r.getClass()).findFirst().ifPresent(k -> rows.accept(k, List.of(r)));
    }

    /** Whether what was typed ends the watch: exit, quit, Ctrl-C or the end of the input. */
    private boolean inputEndsWatch() {
        return lines.endsFollowing(err, "(watching: type exit or press Ctrl-C to stop)");
    }
}
