package io.k4s.demo;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Service;
import io.k4s.api.runtime.ContainerState;
import io.k4s.core.K4sCluster;
import io.k4s.core.manifest.ManifestWriter;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Print resources the way {@code kubectl get} does: an aligned table per kind (with more
 * columns for {@code -o wide}), the manifests ({@code -o yaml}) or {@code kind/name} lines
 * ({@code -o name}).
 *
 * <p>Reads the cluster at the moment of the call; call it from one thread at a time per stream.
 */
final class Listing {

    /** The output formats of {@code get}. */
    enum Format { TABLE, WIDE, YAML, NAME }

    /**
     * How to print a listing.
     *
     * @param prefixKind      whether names are printed as {@code kind/name} (as {@code get all} does)
     * @param namespaceColumn whether tables start with a NAMESPACE column (as {@code get -A} does)
     * @param header          whether tables print their header row ({@code get -w} prints it once)
     */
    record Style(Format format, boolean prefixKind, boolean namespaceColumn, boolean header) {}

    private final K4sCluster cluster;
    private final PrintStream out;

    Listing(K4sCluster cluster, PrintStream out) {
        this.cluster = cluster;
        this.out = out;
    }

    /**
     * Print {@code items}, all of kind {@code type}, in {@code style}.
     *
     * @return whether anything was printed
     */
    boolean print(Class<? extends Resource> type, List<? extends Resource> items, Style style) {
        if (items.isEmpty()) {
            return false;
        }
        Format format = style.format();
        boolean prefixKind = style.prefixKind();
        if (format == Format.YAML) {
            out.print(ManifestWriter.writeAll(items));
            return true;
        }
        if (format == Format.NAME) {
            items.forEach(r -> out.println(display(r, true)));
            return true;
        }
        boolean wide = format == Format.WIDE;
        Table table;
        if (type == Container.class) {
            table = wide ? new Table("NAME", "READY", "STATUS", "RESTARTS", "AGE", "WORKER", "RECEIVED",
                    "PROCESSED", "FAILED", "QUEUED") : new Table("NAME", "READY", "STATUS", "RESTARTS", "AGE");
            for (Resource r : items) {
                containerRow(table, (Container) r, wide, prefixKind);
            }
        } else if (type == ReplicaSet.class) {
            table = wide ? new Table("NAME", "DESIRED", "CURRENT", "READY", "AGE", "WORKER", "SELECTOR")
                    : new Table("NAME", "DESIRED", "CURRENT", "READY", "AGE");
            for (Resource r : items) {
                ReplicaSet rs = (ReplicaSet) r;
                String n = display(rs, prefixKind);
                if (wide) {
                    table.row(n, rs.spec().replicas(), rs.status().replicas(), rs.status().readyReplicas(),
                            age(rs), rs.spec().template().spec().worker(), labels(rs.spec().template().labels()));
                } else {
                    table.row(n, rs.spec().replicas(), rs.status().replicas(), rs.status().readyReplicas(), age(rs));
                }
            }
        } else {
            table = new Table("NAME", "SELECTOR", "POLICY", "ENDPOINTS", "AGE");
            for (Resource r : items) {
                Service s = (Service) r;
                table.row(display(s, prefixKind), s.spec().selector(), s.spec().loadBalancing().text(),
                        endpoints(s.status().endpoints(), wide), age(s));
            }
        }
        if (style.namespaceColumn()) {
            table = table.withFirstColumn("NAMESPACE", items.stream().map(r -> r.metadata().namespace()).toList());
        }
        table.print(out, style.header());
        return true;
    }

    private void containerRow(Table table, Container c, boolean wide, boolean prefixKind) {
        ContainerStatus s = c.status();
        String ready = (s.ready() ? "1" : "0") + "/1";
        String status = s.reason().isEmpty() ? s.phase().text() : s.reason();
        if (!wide) {
            table.row(display(c, prefixKind), ready, status, s.restartCount(), age(c));
            return;
        }
        MessageCounters n = counters(c);
        table.row(display(c, prefixKind), ready, status, s.restartCount(), age(c), c.spec().worker(),
                n.received(), n.processed(), n.failed(), n.queued());
    }

    /** The live counters from the runtime, or those last written to status. */
    MessageCounters counters(Container c) {
        return cluster.runtime().state(c.key()).map(ContainerState::counters).orElse(c.status().counters());
    }

    static String display(Resource r, boolean prefixKind) {
        return prefixKind ? r.kind().toLowerCase(Locale.ROOT) + "/" + r.metadata().name() : r.metadata().name();
    }

    static String endpoints(List<String> names, boolean all) {
        if (names.isEmpty()) {
            return "<none>";
        }
        if (all || names.size() <= 3) {
            return String.join(",", names);
        }
        return String.join(",", names.subList(0, 3)) + " + " + (names.size() - 3) + " more";
    }

    static String labels(java.util.Map<String, String> labels) {
        StringBuilder b = new StringBuilder();
        labels.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return b.isEmpty() ? "<none>" : b.toString();
    }

    static String age(Resource r) {
        Instant created = r.metadata().creationTimestamp();
        return created == null ? "<unknown>" : age(Duration.between(created, Instant.now()));
    }

    /** A short age as kubectl prints it: 45s, 3m, 5h, 2d. */
    static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 120 * 60) {
            return s / 60 + "m";
        }
        if (s < 48 * 3600) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }
}
