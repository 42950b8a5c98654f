package io.k4s.core.manifest;

import io.k4s.api.resource.ContainerExecutor;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerTemplate;
import io.k4s.api.resource.LoadBalancing;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.RestartPolicy;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.ServiceSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Read the {@code spec} of each kind. One instance per document; {@code workerCheck} says what
 * is wrong with a worker type name, or returns {@code null}.
 */
final class SpecSchema {

    private static final Map<String, RestartPolicy> RESTART_POLICIES = spellings(RestartPolicy.values(),
            RestartPolicy::text);
    private static final Map<String, LoadBalancing> LOAD_BALANCING = spellings(LoadBalancing.values(),
            LoadBalancing::text);
    private static final Map<String, ContainerExecutor> EXECUTORS = spellings(ContainerExecutor.values(),
            ContainerExecutor::text);

    private final Doc doc;
    private final Function<String, String> workerCheck;
    private final ParamsReader params;

    SpecSchema(Doc doc, Function<String, String> workerCheck) {
        this.doc = doc;
        this.workerCheck = workerCheck;
        this.params = new ParamsReader(doc);
    }

    /** A Container spec at {@code path} ({@code spec} or {@code spec.template.spec}). */
    ContainerSpec container(Node node, String path) {
        int before = doc.errorCount();
        Fields f = Fields.of(doc, node, path, "worker", "params", "restartPolicy", "mailboxCapacity",
                "terminationGracePeriod", "executor");
        if (f == null) {
            return null;
        }
        String worker = MetadataSchema.requiredString(doc, f, "worker");
        if (worker != null && worker.isBlank()) {
            doc.error(f.get("worker"), f.path("worker"), "must not be empty: name a worker type such as echo");
        } else if (worker != null && workerCheck != null) {
            String problem = workerCheck.apply(worker);
            if (problem != null) {
                doc.error(f.get("worker"), f.path("worker"), problem);
            }
        }
        Map<String, Object> values = f.get("params") == null ? Map.of()
                : params.read(f.get("params"), f.path("params"));
        RestartPolicy restart = f.get("restartPolicy") == null ? null
                : Values.choice(doc, f.get("restartPolicy"), f.path("restartPolicy"), RESTART_POLICIES);
        Long capacity = f.get("mailboxCapacity") == null ? Long.valueOf(ContainerSpec.DEFAULT_MAILBOX_CAPACITY)
                : Values.integer(doc, f.get("mailboxCapacity"), f.path("mailboxCapacity"), 1,
                        ContainerSpec.MAX_MAILBOX_CAPACITY, "a positive integer");
        Duration grace = f.get("terminationGracePeriod") == null ? null
                : Values.duration(doc, f.get("terminationGracePeriod"), f.path("terminationGracePeriod"));
        ContainerExecutor executor = f.get("executor") == null ? null
                : Values.choice(doc, f.get("executor"), f.path("executor"), EXECUTORS);
        if (doc.errorCount() > before) {
            return null;
        }
        return new ContainerSpec(worker, values, restart, capacity.intValue(), grace, executor);
    }

    /** A ReplicaSet spec. */
    ReplicaSetSpec replicaSet(Node node) {
        int before = doc.errorCount();
        Fields f = Fields.of(doc, node, "spec", "replicas", "template");
        if (f == null) {
            return null;
        }
        Long replicas = f.get("replicas") == null ? Long.valueOf(1)
                : Values.integer(doc, f.get("replicas"), f.path("replicas"), 0, ReplicaSetSpec.MAX_REPLICAS,
                        "a non-negative integer");
        ContainerTemplate template = null;
        Node templateNode = f.require("template");
        Fields t = templateNode == null ? null : Fields.of(doc, templateNode, f.path("template"), "metadata", "spec");
        if (t != null) {
            MetadataSchema.TemplateMetadata meta = t.get("metadata") == null ? MetadataSchema.TemplateMetadata.EMPTY
                    : MetadataSchema.readTemplate(doc, t.get("metadata"), t.path("metadata"));
            Node specNode = t.require("spec");
            ContainerSpec spec = specNode == null ? null : container(specNode, t.path("spec"));
            if (meta != null && spec != null) {
                template = new ContainerTemplate(meta.labels(), meta.annotations(), spec);
            }
        }
        if (doc.errorCount() > before) {
            return null;
        }
        return new ReplicaSetSpec(replicas.intValue(), template);
    }

    /** A Service spec. */
    ServiceSpec service(Node node) {
        int before = doc.errorCount();
        Fields f = Fields.of(doc, node, "spec", "selector", "loadBalancing");
        if (f == null) {
            return null;
        }
        Node selectorNode = f.require("selector");
        Selector selector = selectorNode == null ? null : selector(selectorNode, f.path("selector"));
        LoadBalancing policy = f.get("loadBalancing") == null ? null
                : Values.choice(doc, f.get("loadBalancing"), f.path("loadBalancing"), LOAD_BALANCING);
        if (doc.errorCount() > before) {
            return null;
        }
        return new ServiceSpec(selector, policy);
    }

    private Selector selector(Node node, String path) {
        if (node instanceof ScalarNode s && Values.isString(s)) {
            try {
                return Selector.glob(s.getValue());
            } catch (IllegalArgumentException e) {
                doc.error(node, path, e.getMessage());
                return null;
            }
        }
        if (node instanceof MappingNode) {
            Map<String, String> labels = Values.strings(doc, node, path, true);
            if (labels != null && labels.isEmpty()) {
                doc.error(node, path, "a label selector must name at least one label");
                return null;
            }
            return labels == null ? null : Selector.labels(labels);
        }
        doc.error(node, path, "expected a glob on container names such as \"calc-*\" or a map of labels"
                + " such as {app: calc}, got " + Values.describe(node));
        return null;
    }

    /** The exact manifest spellings of an enum's values, in declaration order. */
    static <E> Map<String, E> spellings(E[] values, Function<E, String> text) {
        Map<String, E> out = new LinkedHashMap<>();
        for (E v : values) {
            out.put(text.apply(v), v);
        }
        return out;
    }
}
