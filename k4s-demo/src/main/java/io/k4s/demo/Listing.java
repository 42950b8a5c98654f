package io.k4s.demo;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.PrinterColumn;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.runtime.ContainerState;
import io.k4s.core.K4sCluster;
import io.k4s.core.schema.DurationText;
import io.k4s.core.schema.JsonText;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Print resources the way {@code kubectl get} does: an aligned table per kind, its columns from
 * the kind's descriptor (more with {@code -o wide}), or the resources as YAML manifests, JSON, or
 * {@code kind/name} lines.
 *
 * <p>Containers show their live message counters from the runtime. Reads the cluster at the
 * moment of the call; call it from one thread at a time per stream.
 */
final class Listing {

    /** The output formats of {@code get}. */
    enum Format { TABLE, WIDE, YAML, JSON, NAME }

    /** The resources of one kind, in the order they are printed. */
    record Section(ResourceKind<?> kind, List<? extends Resource> items) {}

    private final K4sCluster cluster;
    private final PrintStream out;

    Listing(K4sCluster cluster, PrintStream out) {
        this.cluster = cluster;
        this.out = out;
    }

    /**
     * Print {@code sections}: a table per non-empty section (separated by a blank line), or all
     * their resources in one YAML stream, one JSON document or one name per line.
     *
     * @param prefixKind whether table names are printed as {@code kind/name} (as {@code get all} does)
     * @param one        whether one resource was asked for by name: JSON prints it alone, not as a List
     */
    void print(List<Section> sections, Format format, boolean prefixKind, boolean one) {
        List<Resource> all = new ArrayList<>();
        sections.forEach(s -> all.addAll(s.items()));
        switch (format) {
            case YAML -> out.print(cluster.manifestWriter().writeAll(all));
            case JSON -> out.print(JsonText.writePretty(one && all.size() == 1
                    ? cluster.codec().toGeneric(all.getFirst()) : list(all)));
            case NAME -> all.forEach(r -> out.println(Shell.slashName(r)));
            case TABLE, WIDE -> {
                boolean first = true;
                for (Section s : sections) {
                    if (!s.items().isEmpty()) {
                        if (!first) {
                            out.println();
                        }
                        first = false;
                        table(s.kind(), s.items(), format == Format.WIDE, prefixKind);
                    }
                }
            }
        }
    }

    private Map<String, Object> list(List<Resource> items) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        List<Object> generic = new ArrayList<>();
        items.forEach(r -> generic.add(cluster.codec().toGeneric(r)));
        list.put("items", generic);
        return list;
    }

    private <R extends Resource> void table(ResourceKind<R> kind, List<? extends Resource> items, boolean wide,
                                            boolean prefixKind) {
        List<PrinterColumn<R>> columns = new ArrayList<>();
        kind.printerColumns().stream().filter(c -> !c.wide()).forEach(columns::add);
        List<PrinterColumn<R>> after = kind.printerColumns().stream().filter(c -> wide && c.wide()).toList();
        List<String> headers = new ArrayList<>(List.of("NAME"));
        columns.forEach(c -> headers.add(c.name()));
        headers.add("AGE");
        after.forEach(c -> headers.add(c.name()));
        Table table = new Table(headers.toArray(String[]::new));
        for (Resource item : items) {
            R r = kind.cast(live(item));
            List<Object> cells = new ArrayList<>();
            cells.add(prefixKind ? Shell.slashName(r) : r.metadata().name());
            columns.forEach(c -> cells.add(cell(c.value().apply(r), wide)));
            cells.add(age(r));
            after.forEach(c -> cells.add(cell(c.value().apply(r), wide)));
            table.row(cells.toArray());
        }
        table.print(out);
    }

    /**
     * {@code r} with what the runtime knows now and the store not yet: a container's live
     * message counters.
     */
    Resource live(Resource r) {
        if (!(r instanceof Container c)) {
            return r;
        }
        return cluster.runtime().state(c.key()).map(ContainerState::counters)
                .map(n -> (Resource) c.withStatus(withCounters(c.status(), n))).orElse(c);
    }

    private static ContainerStatus withCounters(ContainerStatus s, MessageCounters counters) {
        return new ContainerStatus(s.phase(), s.reason(), s.message(), s.ready(), s.restartCount(), s.startedAt(),
                counters, s.lastError(), s.observedGeneration());
    }

    /** A table cell: lists joined with commas (the first three and a count unless {@code all}). */
    static String cell(Object value, boolean all) {
        return switch (value) {
            case null -> "";
            case List<?> l when l.isEmpty() -> "";
            case List<?> l when all || l.size() <= 3 -> String.join(",", l.stream().map(String::valueOf).toList());
            case List<?> l -> String.join(",", l.subList(0, 3).stream().map(String::valueOf).toList()) + " + "
                    + (l.size() - 3) + " more";
            case Map<?, ?> m -> labels(m);
            case Duration d -> DurationText.format(d);
            case Instant i -> age(Duration.between(i, Instant.now()));
            default -> String.valueOf(value);
        };
    }

    static String labels(Map<?, ?> labels) {
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
