package io.k4s.core.manifest;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Check a document's node tree before its schema: no tags beyond YAML's plain types, no merge
 * keys, keys are plain scalars, and no key appears twice in one map.
 *
 * <p>Each node is visited once, even when aliases share it or make it recursive, so the check
 * is linear in the size of the text.
 */
final class NodeCheck {

    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);

    private final Doc doc;
    private final Map<Node, Boolean> visited = new IdentityHashMap<>();
    private int tagErrors;

    private NodeCheck(Doc doc) {
        this.doc = doc;
    }

    /**
     * Report every structural problem of the tree under {@code root}.
     *
     * @return whether the tree is free of tags, so that its schema may be read
     */
    static boolean check(Doc doc, Node root) {
        NodeCheck check = new NodeCheck(doc);
        check.visit(root, "");
        return check.tagErrors == 0;
    }

    private void visit(Node node, String path) {
        if (visited.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (!allowedTag(node)) {
            tagErrors++;
            doc.error(node, path, YamlDocuments.tagsNotAllowed(node.getTag().getValue()));
            return;
        }
        if (node instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                visit(items.get(i), path + "[" + i + "]");
            }
        } else if (node instanceof MappingNode map) {
            Map<String, Mark> seen = new HashMap<>();
            for (NodeTuple t : map.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode key)) {
                    doc.error(t.getKeyNode(), path, "keys must be plain strings, got "
                            + YamlTree.INSTANCE.describe(t.getKeyNode()));
                    continue;
                }
                String field = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                if (key.getTag().equals(Tag.MERGE)) {
                    doc.error(key, field, "merge keys (<<) are not supported; write the fields out");
                    continue;
                }
                if (!allowedTag(key)) {
                    tagErrors++;
                    doc.error(key, field, YamlDocuments.tagsNotAllowed(key.getTag().getValue()));
                    continue;
                }
                Mark first = seen.putIfAbsent(key.getValue(), key.getStartMark());
                if (first != null) {
                    doc.error(key, field, "duplicate key \"" + key.getValue() + "\" (first at line "
                            + (first.getLine() + 1) + ", column " + (first.getColumn() + 1) + ")");
                }
                visit(t.getValueNode(), field);
            }
        }
    }

    private static boolean allowedTag(Node node) {
        return switch (node) {
            case ScalarNode s -> SCALAR_TAGS.contains(s.getTag());
            case SequenceNode s -> s.getTag().equals(Tag.SEQ);
            case MappingNode m -> m.getTag().equals(Tag.MAP);
            default -> false;
        };
    }
}
