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
 * the kind's descriptor (more with {@code -o wide}), the manifests ({@code -o yaml}),
 * {@code kind/name} lines ({@code -o name}) or JSON ({@code -o json}, through the generic form
 * that {@code -o jsonpath} reads too).
 *
 * <p>Containers show their live message counters from the runtime. Reads the cluster at the
 * moment of the call; call it from one thread at a time per stream.
 */
final class Listing {

    /** The output formats of {@code get}. */
    enum Format { TABLE, WIDE, YAML, JSON, NAME }

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
     * Print {@code items}, all of {@code kind}, in {@code style}: a table, YAML manifests, names,
     * or each resource as a JSON document (as {@code get -w -o json} does; a whole listing in
     * JSON is one document, {@link #generic}).
     *
     * @return whether anything was printed
     */
    boolean print(ResourceKind<?> kind, List<? extends Resource> items, Style style) {
        if (items.isEmpty()) {
            return false;
        }
        switch (style.format()) {
            case YAML -> out.print(cluster.codec().toRedactedYaml(items));
            case JSON -> items.forEach(r -> out.print(JsonText.writePretty(cluster.codec().toRedactedGeneric(r))));
            case NAME -> items.forEach(r -> out.println(name(kind, r)));
            case TABLE, WIDE -> table(kind, items, style);
        }
        return true;
    }

    /**
     * The generic form of what {@code get} found, for {@code -o json} and {@code -o jsonpath}:
     * the resource itself if {@code one} was asked for by name, else kubectl's list object
     * {@code {apiVersion: v1, kind: List, items: [...]}}.
     */
    Map<String, Object> generic(List<? extends Resource> items, boolean one) {
        if (one && items.size() == 1) {
            return cluster.codec().toRedactedGeneric(items.getFirst());
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        List<Object> generic = new ArrayList<>();
        items.forEach(r -> generic.add(cluster.codec().toRedactedGeneric(r)));
        list.put("items", generic);
        return list;
    }

    /** {@code singular/name}, as {@code -o name} prints it: {@code replicaset/calc}. */
    static String name(ResourceKind<?> kind, Resource r) {
        return kind.singular() + "/" + r.metadata().name();
    }

    private <R extends Resource> void table(ResourceKind<R> kind, List<? extends Resource> items, Style style) {
        boolean wide = style.format() == Format.WIDE;
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
            cells.add(style.prefixKind() ? name(kind, r) : r.metadata().name());
            columns.forEach(c -> cells.add(cell(c.value().apply(r), wide)));
            cells.add(age(r));
            after.forEach(c -> cells.add(cell(c.value().apply(r), wide)));
            table.row(cells.toArray());
        }
        if (style.namespaceColumn() && kind.namespaced()) {
            table = table.withFirstColumn("NAMESPACE", items.stream().map(r -> r.metadata().namespace()).toList());
        }
        table.print(out, style.header());
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
                counters, s.lastError(), s.observedGeneration(), s.result(), s.readySince());
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
