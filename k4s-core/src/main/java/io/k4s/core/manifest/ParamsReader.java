package io.k4s.core.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turn a container's {@code params} into plain Java values: maps, lists, String, Boolean,
 * Integer, Long, Double and null.
 *
 * <p>Aliases are expanded, so one document's params may hold at most {@value #MAX_VALUES}
 * values and nest {@value #MAX_DEPTH} levels: a few aliases that double each other, or an alias
 * used inside itself, are reported instead of exhausting memory. One instance per document.
 */
final class ParamsReader {

    static final int MAX_VALUES = 10_000;
    static final int MAX_DEPTH = 50;

    private final Doc doc;
    private Node root;
    private String rootPath;
    private int values;
    private boolean stopped;

    ParamsReader(Doc doc) {
        this.doc = doc;
    }

    /** The params map at {@code node}, or {@code null} (reported) if it is not a valid one. */
    Map<String, Object> read(Node node, String path) {
        if (!(node instanceof MappingNode)) {
            doc.error(node, path, "expected a map of parameters, got " + Values.describe(node));
            return null;
        }
        int before = doc.errorCount();
        root = node;
        rootPath = path;
        Object value = value(node, path, 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return doc.errorCount() == before ? map : null;
    }

    private Object value(Node node, String path, int depth) {
        if (stopped) {
            return null;
        }
        if (++values > MAX_VALUES) {
            stop("params expand to more than " + MAX_VALUES
                    + " values: is this a billion-laughs document?");
            return null;
        }
        if (depth > MAX_DEPTH) {
            stop("params nest deeper than " + MAX_DEPTH + " levels: is an alias used inside itself?");
            return null;
        }
        return switch (node) {
            case ScalarNode s -> Values.plain(doc, s, path);
            case SequenceNode seq -> {
                List<Object> list = new ArrayList<>(seq.getValue().size());
                for (int i = 0; i < seq.getValue().size(); i++) {
                    list.add(value(seq.getValue().get(i), path + "[" + i + "]", depth + 1));
                }
                yield Collections.unmodifiableList(list);
            }
            case MappingNode map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (NodeTuple t : map.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode key && !out.containsKey(key.getValue())) {
                        out.put(key.getValue(), value(t.getValueNode(), path + "." + key.getValue(), depth + 1));
                    }
                }
                yield Collections.unmodifiableMap(out);
            }
            default -> {
                doc.error(node, path, "expected a YAML value, got " + Values.describe(node));
                yield null;
            }
        };
    }

    /** Report a limit at the params themselves: the path inside may be thousands of aliases long. */
    private void stop(String message) {
        stopped = true;
        doc.error(root, rootPath, message);
    }
}
