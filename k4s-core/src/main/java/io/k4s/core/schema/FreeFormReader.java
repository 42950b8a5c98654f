package io.k4s.core.schema;

import io.k4s.api.schema.FreeFormSchema;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turn a free-form value (a worker's {@code params}) into plain Java values: unmodifiable maps
 * and lists, String, Boolean, Integer (Long when it does not fit), Double and null.
 *
 * <p>YAML aliases are expanded, so the value may hold at most the schema's
 * {@link FreeFormSchema#maxValues()} values and nest {@link FreeFormSchema#maxDepth()} levels: a
 * few aliases that double each other, or an alias used inside itself (or a Java map that holds
 * itself), are reported at the value instead of exhausting memory. One instance per value.
 */
final class FreeFormReader<N> {

    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final SchemaDecoder<N> decoder;
    private final NodeTree<N> tree;
    private final FreeFormSchema<?> schema;
    private final N root;
    private final String rootPath;
    private int values;
    private boolean stopped;

    FreeFormReader(SchemaDecoder<N> decoder, NodeTree<N> tree, FreeFormSchema<?> schema, N root, String rootPath) {
        this.decoder = decoder;
        this.tree = tree;
        this.schema = schema;
        this.root = root;
        this.rootPath = rootPath;
    }

    /** The value, or {@code null} if it has errors (reported). */
    Object read() {
        if (schema.mapOnly() && tree.shape(root) != Shape.MAP) {
            decoder.report(root, rootPath, "expected " + schema.expectation() + ", got " + tree.describe(root));
            return null;
        }
        int before = decoder.errors();
        Object value = value(root, rootPath, 0);
        return decoder.errors() > before ? null : value;
    }

    private Object value(N node, String path, int depth) {
        if (stopped) {
            return null;
        }
        if (++values > schema.maxValues()) {
            stop(name() + " expand to more than " + schema.maxValues()
                    + " values: is this a billion-laughs document?");
            return null;
        }
        if (depth > schema.maxDepth()) {
            stop(name() + " nest deeper than " + schema.maxDepth() + " levels: is an alias used inside itself?");
            return null;
        }
        return switch (tree.shape(node)) {
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (NodeTree.Entry<N> e : tree.entries(node)) {
                    if (!out.containsKey(e.key())) {
                        out.put(e.key(), value(e.value(), SchemaDecoder.path(path, e.key()), depth + 1));
                    }
                }
                yield Collections.unmodifiableMap(out);
            }
            case LIST -> {
                List<N> items = tree.items(node);
                List<Object> out = new ArrayList<>(items.size());
                for (int i = 0; i < items.size(); i++) {
                    out.add(value(items.get(i), path + "[" + i + "]", depth + 1));
                }
                yield Collections.unmodifiableList(out);
            }
            case STRING, TIMESTAMP -> tree.text(node);
            case BOOLEAN -> tree.bool(node);
            case FLOAT -> tree.number(node);
            case NULL -> null;
            case INTEGER -> integer(node, path);
            case OTHER -> {
                decoder.report(node, path, "expected a plain value (a string, number, boolean, list or map), got "
                        + tree.describe(node));
                yield null;
            }
        };
    }

    private Object integer(N node, String path) {
        BigInteger value = tree.integer(node);
        if (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
            decoder.report(node, path, "integer " + tree.text(node)
                    + " does not fit in 64 bits; quote it to keep it as text");
            return null;
        }
        return value.compareTo(INT_MIN) >= 0 && value.compareTo(INT_MAX) <= 0
                ? (Object) value.intValue() : (Object) value.longValue();
    }

    /** The last part of the path, as the value is called in messages: {@code params}. */
    private String name() {
        int cut = rootPath.lastIndexOf('.');
        return rootPath.isEmpty() ? "the value" : rootPath.substring(cut + 1);
    }

    /** Report a limit at the value itself: the path inside may be thousands of aliases long. */
    private void stop(String message) {
        stopped = true;
        decoder.report(root, rootPath, message);
    }
}
