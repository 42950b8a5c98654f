package io.k4s.core.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Read the fields of one YAML map against the list of fields its schema allows: unknown fields
 * are reported at their key, missing required ones at the map. A duplicate key was reported by
 * {@link NodeCheck}; the first occurrence counts.
 */
final class Fields {

    private final Doc doc;
    private final MappingNode node;
    private final String path;
    private final Map<String, Node> values = new LinkedHashMap<>();

    private Fields(Doc doc, MappingNode node, String path, List<String> known) {
        this.doc = doc;
        this.node = node;
        this.path = path;
        for (NodeTuple t : node.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key) || key.getTag().equals(Tag.MERGE)
                    || values.containsKey(key.getValue())) {
                continue; // reported by NodeCheck
            }
            if (!known.contains(key.getValue())) {
                doc.error(key, path(key.getValue()), "unknown field; " + Spelling.nearest(key.getValue(), known)
                        .map(s -> "did you mean \"" + s + "\"?")
                        .orElse("expected one of: " + String.join(", ", known)));
                continue;
            }
            values.put(key.getValue(), t.getValueNode());
        }
    }

    /** The fields of {@code node}, or {@code null} (reported) if it is not a map. */
    static Fields of(Doc doc, Node node, String path, String... known) {
        if (!(node instanceof MappingNode map)) {
            doc.error(node, path, "expected a map, got " + Values.describe(node));
            return null;
        }
        return new Fields(doc, map, path, List.of(known));
    }

    /** The value of an optional field, or {@code null} if it is absent. */
    Node get(String key) {
        return values.get(key);
    }

    /** The value of a required field, or {@code null} (reported at this map) if it is absent. */
    Node require(String key) {
        Node value = values.get(key);
        if (value == null) {
            doc.error(node, path(key), "missing required field");
        }
        return value;
    }

    /** The path of {@code key} in this map, for example {@code spec.template.spec.worker}. */
    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The map itself. */
    MappingNode node() {
        return node;
    }
}
