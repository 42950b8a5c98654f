package io.k4s.core.manifest;

import io.k4s.api.resource.Condition;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetStatus;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Write resources as k4s manifests that {@link ManifestReader} reads back to equal resources.
 *
 * <p>Writes {@code apiVersion}, {@code kind}, {@code metadata} (the store's fields only when
 * set), {@code spec} with every field, and {@code status} unless it is the kind's empty status.
 * Durations are written as {@code 5s}, {@code 250ms} or ISO-8601; times as ISO-8601. Params
 * round-trip for the values YAML holds (strings, booleans, Integer, Long, Double, null, maps and
 * lists); any other value is written as its text. Stateless and thread-safe.
 */
public final class ManifestWriter {

    private ManifestWriter() {}

    /**
     * The manifest of {@code resource}.
     *
     * @throws IllegalArgumentException if it is not one of the known kinds
     */
    public static String write(Resource resource) {
        return yaml().dump(tree(resource));
    }

    /** The manifests of {@code resources}, one document each, separated by {@code ---}. */
    public static String writeAll(List<? extends Resource> resources) {
        StringBuilder out = new StringBuilder();
        for (Resource r : resources) {
            if (!out.isEmpty()) {
                out.append("---\n");
            }
            out.append(write(r));
        }
        return out.toString();
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false);
        options.setWidth(1000);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
    }

    private static Map<String, Object> tree(Resource resource) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", resource.apiVersion());
        doc.put("kind", resource.kind());
        doc.put("metadata", metadata(resource.metadata()));
        switch (resource) {
            case Container c -> {
                doc.put("spec", containerSpec(c.spec()));
                if (!c.status().equals(ContainerStatus.PENDING)) {
                    doc.put("status", containerStatus(c.status()));
                }
            }
            case ReplicaSet rs -> {
                Map<String, Object> template = new LinkedHashMap<>();
                Map<String, Object> templateMeta = new LinkedHashMap<>();
                putIfNotEmpty(templateMeta, "labels", rs.spec().template().labels());
                putIfNotEmpty(templateMeta, "annotations", rs.spec().template().annotations());
                putIfNotEmpty(template, "metadata", templateMeta);
                template.put("spec", containerSpec(rs.spec().template().spec()));
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("replicas", rs.spec().replicas());
                spec.put("template", template);
                doc.put("spec", spec);
                if (!rs.status().equals(ReplicaSetStatus.EMPTY)) {
                    doc.put("status", replicaSetStatus(rs.status()));
                }
            }
            case Service s -> {
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("selector", switch (s.spec().selector()) {
                    case Selector.Glob g -> g.pattern();
                    case Selector.Labels l -> new LinkedHashMap<>(l.labels());
                });
                spec.put("loadBalancing", s.spec().loadBalancing().text());
                doc.put("spec", spec);
                if (!s.status().equals(ServiceStatus.EMPTY)) {
                    doc.put("status", serviceStatus(s.status()));
                }
            }
            default -> throw new IllegalArgumentException("cannot write a " + resource.getClass().getName()
                    + ": ManifestWriter knows " + String.join(", ", ResourceKinds.names()));
        }
        return doc;
    }

    private static Map<String, Object> metadata(ObjectMeta meta) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", meta.name());
        out.put("namespace", meta.namespace());
        putIfNotEmpty(out, "labels", meta.labels());
        putIfNotEmpty(out, "annotations", meta.annotations());
        if (meta.uid() != null) {
            out.put("uid", meta.uid());
        }
        if (meta.resourceVersion() > 0) {
            out.put("resourceVersion", meta.resourceVersion());
        }
        if (meta.generation() > 0) {
            out.put("generation", meta.generation());
        }
        if (meta.creationTimestamp() != null) {
            out.put("creationTimestamp", meta.creationTimestamp().toString());
        }
        if (!meta.ownerReferences().isEmpty()) {
            List<Object> owners = new ArrayList<>();
            for (OwnerReference ref : meta.ownerReferences()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("kind", ref.kind());
                o.put("name", ref.name());
                o.put("uid", ref.uid());
                o.put("controller", ref.controller());
                owners.add(o);
            }
            out.put("ownerReferences", owners);
        }
        return out;
    }

    private static Map<String, Object> containerSpec(ContainerSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("worker", spec.worker());
        if (!spec.params().isEmpty()) {
            out.put("params", plain(spec.params()));
        }
        out.put("restartPolicy", spec.restartPolicy().text());
        out.put("mailboxCapacity", spec.mailboxCapacity());
        out.put("terminationGracePeriod", duration(spec.terminationGracePeriod()));
        out.put("executor", spec.executor().text());
        return out;
    }

    private static Map<String, Object> containerStatus(ContainerStatus status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phase", status.phase().text());
        putIfNotEmpty(out, "reason", status.reason());
        putIfNotEmpty(out, "message", status.message());
        out.put("ready", status.ready());
        out.put("restartCount", status.restartCount());
        if (status.startedAt() != null) {
            out.put("startedAt", status.startedAt().toString());
        }
        MessageCounters c = status.counters();
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("received", c.received());
        counters.put("processed", c.processed());
        counters.put("failed", c.failed());
        counters.put("queued", c.queued());
        out.put("counters", counters);
        putIfNotEmpty(out, "lastError", status.lastError());
        out.put("observedGeneration", status.observedGeneration());
        return out;
    }

    private static Map<String, Object> replicaSetStatus(ReplicaSetStatus status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("replicas", status.replicas());
        out.put("readyReplicas", status.readyReplicas());
        out.put("observedGeneration", status.observedGeneration());
        putIfNotEmpty(out, "conditions", conditions(status.conditions()));
        return out;
    }

    private static Map<String, Object> serviceStatus(ServiceStatus status) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfNotEmpty(out, "endpoints", new ArrayList<Object>(status.endpoints()));
        putIfNotEmpty(out, "conditions", conditions(status.conditions()));
        out.put("observedGeneration", status.observedGeneration());
        return out;
    }

    private static List<Object> conditions(List<Condition> conditions) {
        List<Object> out = new ArrayList<>();
        for (Condition c : conditions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", c.type());
            m.put("status", c.status());
            putIfNotEmpty(m, "reason", c.reason());
            putIfNotEmpty(m, "message", c.message());
            if (c.lastTransitionTime() != null) {
                m.put("lastTransitionTime", c.lastTransitionTime().toString());
            }
            out.add(m);
        }
        return out;
    }

    /** {@code 5s} or {@code 250ms} when exact (and small enough to read back exactly), else ISO-8601. */
    static String duration(Duration d) {
        if (d.getNano() == 0 && d.getSeconds() < 1_000_000) {
            return d.getSeconds() + "s";
        }
        if (d.getNano() % 1_000_000 == 0 && d.getSeconds() < 1_000_000_000L) {
            return d.toMillis() + "ms";
        }
        return d.toString();
    }

    /** A value SnakeYAML writes without a tag: plain scalars, maps with string keys, lists. */
    private static Object plain(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> i;
            case Long l -> l;
            case Double d -> d;
            case Short s -> s.intValue();
            case Byte b -> b.intValue();
            case Float f -> Double.parseDouble(f.toString());
            case Duration d -> duration(d);
            case Instant i -> i.toString();
            case Enum<?> e -> e.name();
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>(c.size());
                c.forEach(v -> out.add(plain(v)));
                yield out;
            }
            default -> value.toString();
        };
    }

    private static void putIfNotEmpty(Map<String, Object> map, String key, Object value) {
        boolean empty = value == null || (value instanceof String s && s.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty()) || (value instanceof Collection<?> c && c.isEmpty());
        if (!empty) {
            map.put(key, value instanceof Map<?, ?> m ? plain(m) : value);
        }
    }
}
