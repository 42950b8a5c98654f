package io.k4s.core.manifest;

import io.k4s.api.resource.ManifestError;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Collect the errors of one manifest document, each with its position and the document's kind
 * and name once they are known. Used by one thread.
 */
final class Doc {

    private final String source;
    private final List<ManifestError> sink;
    private int errors;
    private String kind = "";
    private String name = "";

    Doc(String source, List<ManifestError> sink) {
        this.source = source;
        this.sink = sink;
    }

    /** Name the document in later errors. */
    void identify(String kind, String name) {
        this.kind = kind == null ? "" : kind;
        this.name = name == null ? "" : name;
    }

    /** Report {@code message} about {@code field} at the start of {@code at}. */
    void error(Node at, String field, String message) {
        Mark mark = at == null ? null : at.getStartMark();
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        sink.add(new ManifestError(source, line, column, kind, name, field, message));
        errors++;
    }

    /** How many errors this document has reported so far. */
    int errorCount() {
        return errors;
    }

    /** The value of {@code key} in {@code map} if it is a plain string scalar, else {@code null}; reports nothing. */
    static String peekString(Node map, String key) {
        if (map instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t.getValueNode() instanceof ScalarNode v && v.getTag().equals(Tag.STR) ? v.getValue() : null;
                }
            }
        }
        return null;
    }

    /** The value node of {@code key} in {@code map}, or {@code null}; reports nothing. */
    static Node peek(Node map, String key) {
        if (map instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }
}
