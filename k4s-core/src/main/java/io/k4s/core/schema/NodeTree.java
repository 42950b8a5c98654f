package io.k4s.core.schema;

import java.math.BigInteger;
import java.util.List;

/**
 * Read an input tree of some node type for {@link SchemaDecoder}: SnakeYAML nodes (with
 * positions, for manifests) or the generic form of plain Java maps, lists and scalars (for JSON
 * and the API). Implementations are stateless.
 *
 * @param <N> the node type
 */
public interface NodeTree<N> {

    /**
     * One entry of a map.
     *
     * @param key     the key's text
     * @param keyNode the key, to report unknown fields at
     * @param value   the value
     */
    record Entry<N>(String key, N keyNode, N value) {}

    /** What {@code node} is. */
    Shape shape(N node);

    /** The entries of a {@link Shape#MAP} node, in input order (a repeated key appears again). */
    List<Entry<N>> entries(N map);

    /** The items of a {@link Shape#LIST} node. */
    List<N> items(N list);

    /** The text of a scalar: a string's value, a number or boolean as written. */
    String text(N scalar);

    /** The value of an {@link Shape#INTEGER} node. */
    BigInteger integer(N node);

    /** The value of an {@link Shape#INTEGER} or {@link Shape#FLOAT} node. */
    double number(N node);

    /** The value of a {@link Shape#BOOLEAN} node. */
    boolean bool(N node);

    /**
     * What {@code node} is, for "got ..." in messages: {@code "three"} (strings quoted),
     * {@code 3.5}, {@code null}, {@code a map}, {@code a list}.
     */
    default String describe(N node) {
        return switch (shape(node)) {
            case STRING -> "\"" + text(node) + "\"";
            case MAP -> "a map";
            case LIST -> "a list";
            case NULL -> "null";
            case OTHER -> "a " + node.getClass().getSimpleName();
            default -> text(node);
        };
    }
}
