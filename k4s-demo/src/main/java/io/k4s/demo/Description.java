package io.k4s.demo;

import io.k4s.api.event.Event;
import io.k4s.api.event.ObjectReference;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.Service;
import io.k4s.api.runtime.ContainerState;
import io.k4s.api.schema.FreeFormSchema;
import io.k4s.api.schema.ListSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.Schema;
import io.k4s.core.K4sCluster;
import io.k4s.core.schema.SchemaEncoder;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Print one resource the way {@code kubectl describe} does: its metadata, then its spec and
 * status as the kind's schema lays them out (field names as words, conditions as a table), then
 * what the cluster knows beyond the store: a container's live message counters, a service's
 * routing, and the resources a resource controls.
 *
 * <p>Reads the cluster at the moment of the call.
 */
final class Description {

    private static final int LABEL_WIDTH = 26;

    private final K4sCluster cluster;
    private final PrintStream out;

    Description(K4sCluster cluster, PrintStream out) {
        this.cluster = cluster;
        this.out = out;
    }

    void print(Resource r) {
        ResourceKind<?> kind = cluster.kinds().kindOf(r).orElseThrow();
        // Everything shown comes from the redacted generic form, so a Secret's values never appear.
        Map<String, Object> shown = cluster.codec().toRedactedGeneric(r);
        metadata(r, shown);
        ObjectSchema<?> spec = kind.specSchema();
        if (kind.specInline()) {
            fields(spec, shown, "");
        } else {
            out.println("Spec:");
            fields(spec, map(shown.get("spec")), "  ");
        }
        kind.statusSchema().ifPresent(status -> {
            out.println("Status:");
            fields(status, shown.containsKey("status") ? map(shown.get("status")) : encode(status, r.status()), "  ");
        });
        switch (r) {
            case Container c -> live(c);
            case Service s -> field("Routing To", cluster.router().readyEndpoints(s.key()) + " ready endpoints");
            default -> { }
        }
        controlled(r);
        events(r);
    }

    /** The Events about {@code r}, oldest first, as {@code kubectl describe} ends with them. */
    private void events(Resource r) {
        List<Event> events = cluster.resources().list(Event.class, r.metadata().namespace()).items().stream()
                .filter(e -> about(e, r)).sorted(Comparator.comparing(e -> e.spec().lastTimestamp(),
                        Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
        if (events.isEmpty()) {
            field("Events", "<none>");
            return;
        }
        out.println("Events:");
        Table table = new Table("  TYPE", "REASON", "AGE", "COUNT", "MESSAGE");
        Instant now = Instant.now();
        for (Event e : events) {
            Instant last = e.spec().lastTimestamp();
            table.row("  " + e.spec().type().text(), e.spec().reason(),
                    last == null ? "<unknown>" : Listing.age(Duration.between(last, now)), e.spec().count(),
                    e.spec().message());
        }
        table.print(out);
    }

    private static boolean about(Event e, Resource r) {
        ObjectReference involved = e.spec().involvedObject();
        return involved.kind().equals(r.kind()) && involved.name().equals(r.metadata().name())
                && (involved.uid() == null || involved.uid().equals(r.metadata().uid()));
    }

    private void metadata(Resource r, Map<String, Object> shown) {
        ObjectMeta m = r.metadata();
        field("Name", m.name());
        field("Namespace", m.namespace());
        field("Kind", r.kind());
        field("Labels", Listing.labels(m.labels()));
        Object annotations = map(shown.get("metadata")).get("annotations");
        field("Annotations", Listing.labels(annotations instanceof Map<?, ?> a ? a : Map.of()));
        m.controller().ifPresent(owner -> field("Controlled By", owner.kind() + "/" + owner.name()));
        field("Created", m.creationTimestamp() == null ? "<unknown>"
                : m.creationTimestamp() + " (" + Listing.age(r) + " ago)");
        if (m.deleting()) {
            field("Deletion Requested", m.deletionTimestamp() + " (grace period "
                    + (m.deletionGracePeriodSeconds() == null ? "default" : m.deletionGracePeriodSeconds() + "s") + ")");
        }
        if (!m.finalizers().isEmpty()) {
            field("Finalizers", String.join(", ", m.finalizers()));
        }
        field("Resource Version", m.resourceVersion());
        field("Generation", m.generation());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object generic) {
        return generic instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> encode(ObjectSchema<?> schema, Object value) {
        Object encoded = SchemaEncoder.encode((ObjectSchema<Object>) schema, value);
        return encoded instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The fields of {@code schema} present in {@code values}, labelled in words, nested by indent. */
    private void fields(ObjectSchema<?> schema, Map<String, Object> values, String indent) {
        for (ObjectSchema.Field<?, ?> f : schema.fields()) {
            if (values.containsKey(f.name())) {
                value(indent + words(f.name()), f.schema(), values.get(f.name()), indent);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void value(String label, Schema<?> schema, Object value, String indent) {
        if (schema instanceof ObjectSchema<?> o && value instanceof Map<?, ?> m && !m.isEmpty()) {
            out.println(label + ":");
            fields(o, (Map<String, Object>) m, indent + "  ");
        } else if (schema instanceof ListSchema<?> l && l.items() instanceof ObjectSchema<?> item
                && value instanceof List<?> items && !items.isEmpty()) {
            if (label.strip().equals("Conditions")) {
                conditions(label, (List<Map<String, Object>>) items);
                return;
            }
            if (label.strip().equals("Runs")) {
                runs(label, (List<Map<String, Object>>) items);
                return;
            }
            out.println(label + ":");
            for (Object each : items) {
                out.println(indent + "  -");
                fields(item, (Map<String, Object>) each, indent + "    ");
            }
        } else if (value instanceof Map<?, ?> m) {
            field(label, m.isEmpty() ? "<none>" : schema instanceof FreeFormSchema<?> ? Values.format(m)
                    : Listing.labels(m));
        } else if (value instanceof List<?> l) {
            field(label, l.isEmpty() ? "<none>" : String.join(",", l.stream().map(String::valueOf).toList()));
        } else {
            field(label, value);
        }
    }

    private void conditions(String label, List<Map<String, Object>> conditions) {
        out.println(label + ":");
        String indent = label.substring(0, label.length() - label.stripLeading().length());
        Table table = new Table(indent + "  TYPE", "STATUS", "REASON", "MESSAGE");
        for (Map<String, Object> c : conditions) {
            table.row(indent + "  " + c.get("type"), c.get("status"), c.get("reason"), c.get("message"));
        }
        table.print(out);
    }

    /** A Job's finished runs, one line each: the container, and its result or its error. */
    private void runs(String label, List<Map<String, Object>> runs) {
        out.println(label + ":");
        String indent = label.substring(0, label.length() - label.stripLeading().length());
        Table table = new Table(indent + "  CONTAINER", "OUTCOME", "FINISHED", "RESULT OR ERROR");
        for (Map<String, Object> run : runs) {
            boolean ok = Boolean.TRUE.equals(run.get("succeeded"));
            Object detail = ok ? run.get("result") : run.get("error");
            table.row(indent + "  " + run.get("container"), ok ? "Succeeded" : "Failed", run.get("finishedAt"),
                    detail == null || String.valueOf(detail).isEmpty() ? "<none>" : detail);
        }
        table.print(out);
    }

    /** A container's live message counters, last error, probe failures and next restart, from the runtime. */
    private void live(Container c) {
        Optional<ContainerState> live = cluster.runtime().state(c.key());
        MessageCounters n = live.map(ContainerState::counters).orElse(c.status().counters());
        out.println(live.isPresent() ? "Messages (live):" : "Messages (last reported):");
        field("  Received", n.received());
        field("  Processed", n.processed());
        field("  Failed", n.failed());
        field("  Queued", n.queued());
        field("  Requests", n.requests() + n.meanRequestTime().map(t -> " (mean latency " + t.toMillis() + " ms)")
                .orElse(""));
        String lastError = live.map(ContainerState::lastError).filter(e -> !e.isEmpty()).orElse(c.status().lastError());
        field("Last Error", lastError);
        live.filter(s -> s.lastProbe() != null || s.probeFailures() > 0).ifPresent(s -> {
            field("Probe Failures", s.probeFailures());
            field("Last Probe", s.lastProbe().describe() + " (at " + s.lastProbe().at() + ")");
        });
        live.map(ContainerState::nextRestartAt)
                .ifPresent(at -> field("Next Restart", at + " (in " + Duration.between(Instant.now(), at).toMillis()
                        + " ms)"));
    }

    /** The resources of any kind whose controlling owner is {@code r}. */
    private void controlled(Resource r) {
        if (r.metadata().uid() == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (ResourceKind<?> kind : cluster.kinds().kinds()) {
            for (Resource each : cluster.resources().list(kind.type(), r.metadata().namespace()).items()) {
                if (each.metadata().controller().map(o -> o.uid().equals(r.metadata().uid())).orElse(false)) {
                    names.add(Shell.slashName(each));
                }
            }
        }
        if (!names.isEmpty()) {
            field("Controls", String.join(", ", names));
        }
    }

    /** {@code restartPolicy} as {@code Restart Policy}. */
    static String words(String camelCase) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < camelCase.length(); i++) {
            char c = camelCase.charAt(i);
            if (i == 0) {
                b.append(Character.toUpperCase(c));
            } else if (Character.isUpperCase(c) && !Character.isUpperCase(camelCase.charAt(i - 1))) {
                b.append(' ').append(c);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private void field(String label, Object value) {
        String text = value == null || String.valueOf(value).isEmpty() ? "<none>" : String.valueOf(value);
        String padded = (label + ":").length() < LABEL_WIDTH
                ? label + ":" + " ".repeat(LABEL_WIDTH - label.length() - 1) : label + ": ";
        out.println(padded + text);
    }
}
