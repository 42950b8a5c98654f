package io.k4s.core.manifest;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.ReplicaSet;
import io.k4s.api.resource.ReplicaSetSpec;
import io.k4s.api.resource.ReplicaSetStatus;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceNames;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.ServiceSpec;
import io.k4s.api.resource.ServiceStatus;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Read one manifest document: {@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}
 * and an optional {@code status}, reporting every problem to its {@link Doc}.
 */
final class DocumentSchema {

    private DocumentSchema() {}

    /** The resource in {@code root}, or {@code null} if the document has errors (reported). */
    static Resource read(Doc doc, Node root, Function<String, String> workerCheck) {
        if (!(root instanceof MappingNode)) {
            doc.error(root, "", "expected a map with apiVersion, kind, metadata and spec, got "
                    + Values.describe(root));
            return null;
        }
        String kind = Doc.peekString(root, "kind");
        String name = Doc.peekString(Doc.peek(root, "metadata"), "name");
        doc.identify(ResourceKinds.names().contains(kind) ? kind : "",
                name != null && ResourceNames.nameProblem(name) == null ? name : "");
        int before = doc.errorCount();
        if (!NodeCheck.check(doc, root)) {
            return null;
        }
        Fields f = Fields.of(doc, root, "", "apiVersion", "kind", "metadata", "spec", "status");
        Node apiVersion = f.get("apiVersion");
        if (apiVersion != null) {
            String text = Values.string(doc, apiVersion, "apiVersion");
            if (text != null && !text.equals(Resource.API_VERSION)) {
                doc.error(apiVersion, "apiVersion", "expected \"" + Resource.API_VERSION + "\", got \"" + text + "\"");
            }
        }
        Node kindNode = f.require("kind");
        String kindText = kindNode == null ? null : Values.string(doc, kindNode, "kind");
        if (kindText != null && !ResourceKinds.names().contains(kindText)) {
            doc.error(kindNode, "kind", "unknown kind \"" + kindText + "\""
                    + ResourceKinds.suggestion(kindText).map(s -> "; did you mean \"" + s + "\"?").orElse("")
                    + " (known kinds: " + String.join(", ", ResourceKinds.names()) + ")");
            kindText = null;
        }
        Node metaNode = f.require("metadata");
        ObjectMeta meta = metaNode == null ? null : MetadataSchema.read(doc, metaNode);
        String replicaSetProblem = meta == null || !ReplicaSet.KIND.equals(kindText) ? null
                : ResourceNames.replicaSetNameProblem(meta.name());
        if (replicaSetProblem != null) {
            doc.error(Doc.peek(metaNode, "name"), "metadata.name", replicaSetProblem);
        }
        Node specNode = f.require("spec");
        Node statusNode = f.get("status");
        if (kindText == null || specNode == null) {
            return null;
        }
        try {
            return build(doc, before, kindText, meta, specNode, statusNode, workerCheck);
        } catch (IllegalArgumentException e) {
            // The schema checks what the records check; this names anything it missed.
            doc.error(root, "", e.getMessage());
            return null;
        }
    }

    private static Resource build(Doc doc, int before, String kindText, ObjectMeta meta, Node specNode,
                                  Node statusNode, Function<String, String> workerCheck) {
        SpecSchema specs = new SpecSchema(doc, workerCheck);
        StatusSchema statuses = new StatusSchema(doc);
        Resource resource = switch (kindText) {
            case Container.KIND -> {
                ContainerSpec spec = specs.container(specNode, "spec");
                ContainerStatus status = statusNode == null ? null : statuses.container(statusNode);
                yield meta == null || spec == null ? null : new Container(meta, spec, status);
            }
            case ReplicaSet.KIND -> {
                ReplicaSetSpec spec = specs.replicaSet(specNode);
                ReplicaSetStatus status = statusNode == null ? null : statuses.replicaSet(statusNode);
                yield meta == null || spec == null ? null : new ReplicaSet(meta, spec, status);
            }
            case Service.KIND -> {
                ServiceSpec spec = specs.service(specNode);
                ServiceStatus status = statusNode == null ? null : statuses.service(statusNode);
                yield meta == null || spec == null ? null : new Service(meta, spec, status);
            }
            default -> throw new IllegalStateException("kind " + kindText + " has no schema");
        };
        return doc.errorCount() > before ? null : resource;
    }
}
