package io.k4s.core.manifest;

import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.OwnerReference;
import io.k4s.api.resource.ResourceNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** Read {@code metadata}: what the user sets, and the store's fields so that output reads back. */
final class MetadataSchema {

    private MetadataSchema() {}

    /** The metadata at {@code node}, or {@code null} if it has errors (reported). */
    static ObjectMeta read(Doc doc, Node node) {
        int before = doc.errorCount();
        Fields f = Fields.of(doc, node, "metadata", "name", "namespace", "labels", "annotations", "uid",
                "resourceVersion", "generation", "creationTimestamp", "ownerReferences");
        if (f == null) {
            return null;
        }
        String name = null;
        Node nameNode = f.require("name");
        if (nameNode != null) {
            name = Values.string(doc, nameNode, f.path("name"));
            String problem = name == null ? null : ResourceNames.nameProblem(name);
            if (problem != null) {
                doc.error(nameNode, f.path("name"), problem);
            }
        }
        String namespace = null;
        if (f.get("namespace") != null) {
            namespace = Values.string(doc, f.get("namespace"), f.path("namespace"));
            String problem = namespace == null ? null : ResourceNames.namespaceProblem(namespace);
            if (problem != null) {
                doc.error(f.get("namespace"), f.path("namespace"), problem);
            }
        }
        Map<String, String> labels = f.get("labels") == null ? Map.of()
                : Values.strings(doc, f.get("labels"), f.path("labels"), true);
        Map<String, String> annotations = f.get("annotations") == null ? Map.of()
                : Values.strings(doc, f.get("annotations"), f.path("annotations"), false);
        String uid = f.get("uid") == null ? null : Values.string(doc, f.get("uid"), f.path("uid"));
        Long resourceVersion = optionalCount(doc, f, "resourceVersion");
        Long generation = optionalCount(doc, f, "generation");
        Instant created = f.get("creationTimestamp") == null ? null
                : Values.instant(doc, f.get("creationTimestamp"), f.path("creationTimestamp"));
        List<OwnerReference> owners = f.get("ownerReferences") == null ? List.of()
                : ownerReferences(doc, f.get("ownerReferences"), f.path("ownerReferences"));
        if (doc.errorCount() > before) {
            return null;
        }
        return new ObjectMeta(name, namespace, labels, annotations, uid, resourceVersion, generation,
                created, owners);
    }

    /** A ReplicaSet template's metadata: labels and annotations. */
    record TemplateMetadata(Map<String, String> labels, Map<String, String> annotations) {
        static final TemplateMetadata EMPTY = new TemplateMetadata(Map.of(), Map.of());
    }

    /** A template's metadata (labels and annotations only), or {@code null} if it has errors. */
    static TemplateMetadata readTemplate(Doc doc, Node node, String path) {
        int before = doc.errorCount();
        Fields f = Fields.of(doc, node, path, "labels", "annotations");
        if (f == null) {
            return null;
        }
        Map<String, String> labels = f.get("labels") == null ? Map.of()
                : Values.strings(doc, f.get("labels"), f.path("labels"), true);
        Map<String, String> annotations = f.get("annotations") == null ? Map.of()
                : Values.strings(doc, f.get("annotations"), f.path("annotations"), false);
        return doc.errorCount() > before ? null : new TemplateMetadata(labels, annotations);
    }

    private static Long optionalCount(Doc doc, Fields f, String key) {
        Node node = f.get(key);
        return node == null ? Long.valueOf(0)
                : Values.integer(doc, node, f.path(key), 0, Long.MAX_VALUE, "a non-negative integer");
    }

    private static List<OwnerReference> ownerReferences(Doc doc, Node node, String path) {
        List<Node> items = Values.list(doc, node, path);
        if (items == null) {
            return null;
        }
        List<OwnerReference> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = path + "[" + i + "]";
            Fields f = Fields.of(doc, items.get(i), at, "kind", "name", "uid", "controller");
            if (f == null) {
                continue;
            }
            String kind = requiredString(doc, f, "kind");
            String name = requiredString(doc, f, "name");
            String uid = requiredString(doc, f, "uid");
            Boolean controller = f.get("controller") == null ? Boolean.FALSE
                    : Values.bool(doc, f.get("controller"), f.path("controller"));
            if (kind != null && name != null && uid != null && controller != null) {
                out.add(new OwnerReference(kind, name, uid, controller));
            }
        }
        return out;
    }

    /** A required string field of {@code f}, or {@code null} (reported). */
    static String requiredString(Doc doc, Fields f, String key) {
        Node node = f.require(key);
        return node == null ? null : Values.string(doc, node, f.path(key));
    }

    /** An optional string field of {@code f}: {@code ""} when absent, {@code null} (reported) when wrong. */
    static String optionalString(Doc doc, Fields f, String key) {
        Node node = f.get(key);
        return node == null ? "" : Values.string(doc, node, f.path(key));
    }
}
