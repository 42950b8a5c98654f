package io.k4s.core.schema;

import io.k4s.api.schema.BooleanSchema;
import io.k4s.api.schema.DurationSchema;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.FieldError;
import io.k4s.api.schema.FreeFormSchema;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ListSchema;
import io.k4s.api.schema.MapSchema;
import io.k4s.api.schema.MappedSchema;
import io.k4s.api.schema.NumberSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.OneOfSchema;
import io.k4s.api.schema.Schema;
import io.k4s.api.schema.StringSchema;
import io.k4s.api.schema.TimestampSchema;
import io.k4s.api.schema.ValidationContext;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Read an input tree against a schema into Java values, reporting every problem (not only the
 * first) with the node it is at and the field path, such as {@code spec.template.spec.worker}.
 *
 * <p>Strict: a value's shape must be the schema's ({@code "3"} quoted is a string, not an
 * integer), unknown fields are errors with a spelling suggestion, required fields must be
 * present. A value with an error decodes to {@code null}; whether anything was reported is
 * {@link #errors()}. The decoder also remembers the node of every object field by path
 * ({@link #nodeAt}), so that the problems an object's validation finds are placed at the field
 * they name.
 *
 * <p>One instance per document; not thread-safe.
 *
 * @param <N> the node type of the input tree
 */
public final class SchemaDecoder<N> {

    /** Receive the problems of a decode. */
    @FunctionalInterface
    public interface Problems<N> {

        /** {@code message} about the field at {@code path}, found at {@code at}. */
        void report(N at, String path, String message);
    }

    private final NodeTree<N> tree;
    private final Problems<N> problems;
    private final ValidationContext context;
    private final Map<String, N> positions = new HashMap<>();
    private N root;
    private int errors;

    /**
     * A decoder reading {@code tree}'s nodes and reporting to {@code problems}; checks that ask
     * the cluster (worker types) ask {@code context}.
     */
    public SchemaDecoder(NodeTree<N> tree, Problems<N> problems, ValidationContext context) {
        this.tree = Objects.requireNonNull(tree, "tree");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.context = Objects.requireNonNull(context, "context");
    }

    /** How many problems were reported so far. */
    public int errors() {
        return errors;
    }

    /**
     * The node of the field at {@code path}, or of the nearest enclosing field that was read
     * (the root if none).
     */
    public N nodeAt(String path) {
        String p = path;
        while (!p.isEmpty()) {
            N node = positions.get(p);
            if (node != null) {
                return node;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return root;
    }

    /** Report a problem, counting it; for callers that check more than the schema. */
    public void report(N at, String path, String message) {
        errors++;
        problems.report(at, path, message);
    }

    /**
     * Read {@code node} at {@code path} against {@code schema}.
     *
     * @return the value, or {@code null} if it has errors (reported)
     */
    public <T> T decode(Schema<T> schema, N node, String path) {
        if (root == null) {
            root = node;
        }
        @SuppressWarnings("unchecked")
        T value = (T) switch (schema) {
            case ObjectSchema<?> o -> object(o, node, path);
            case StringSchema s -> string(s, node, path);
            case IntegerSchema<?> i -> integer(i, node, path);
            case NumberSchema n -> number(node, path);
            case BooleanSchema b -> bool(node, path);
            case DurationSchema d -> duration(d, node, path);
            case TimestampSchema t -> timestamp(node, path);
            case EnumSchema<?> e -> choice(e, node, path);
            case MapSchema<?> m -> map(m, node, path);
            case ListSchema<?> l -> list(l, node, path);
            case FreeFormSchema<?> f -> new FreeFormReader<>(this, tree, f, node, path).read();
            case OneOfSchema<?> o -> oneOf(o, node, path);
            case MappedSchema<?, ?> m -> mapped(m, node, path);
        };
        return value;
    }

    private <T> T object(ObjectSchema<T> schema, N node, String path) {
        if (tree.shape(node) != Shape.MAP) {
            report(node, path, "expected a map, got " + tree.describe(node));
            return null;
        }
        int before = errors;
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, N> nodes = new HashMap<>();
        List<String> known = schema.fieldNames();
        for (NodeTree.Entry<N> e : tree.entries(node)) {
            if (nodes.containsKey(e.key())) {
                continue; // a repeated key: the first counts (YAML reports it before the schema)
            }
            String field = path(path, e.key());
            var f = schema.field(e.key());
            if (f.isEmpty()) {
                report(e.keyNode(), field, "unknown field; " + Spelling.nearest(e.key(), known)
                        .map(s -> "did you mean \"" + s + "\"?")
                        .orElse("expected one of: " + String.join(", ", known)));
                continue;
            }
            nodes.put(e.key(), e.value());
            positions.put(field, e.value());
            values.put(e.key(), decode(f.get().schema(), e.value(), field));
        }
        for (ObjectSchema.Field<T, ?> f : schema.fields()) {
            if (f.required() && !nodes.containsKey(f.name())) {
                report(node, path(path, f.name()), "missing required field");
            }
        }
        if (errors > before) {
            validatePartial(schema, values, nodes, node, path);
            return null;
        }
        Fields<T> fields = new Fields<>(schema, values, nodes, node, path, false);
        try {
            T value = schema.construct(fields);
            if (value == null && errors == before) {
                report(node, path, "is not a valid " + schema.typeName());
            }
            if (value != null) {
                for (FieldError e : schema.validate(value, context)) {
                    String at = path(path, e.path());
                    report(nodeAt(at), at, e.message());
                }
            }
            return errors > before ? null : value;
        } catch (IllegalArgumentException e) {
            // The schema checks what the records check; this names anything it missed.
            report(node, path, e.getMessage());
            return null;
        }
    }

    /**
     * Run the object's validations on what could be read of it, so that a problem they find in a
     * field that did read (a container's worker type, which depends on its image) is reported
     * together with the errors of the other fields instead of after they are fixed. The value is
     * built from the fields that read (failed ones as absent); if it cannot be, or for a field
     * that did not read, the fields' own errors say it all.
     */
    private <T> void validatePartial(ObjectSchema<T> schema, Map<String, Object> values, Map<String, N> nodes,
                                     N node, String path) {
        Map<String, Object> read = new HashMap<>(values);
        read.values().removeIf(Objects::isNull);
        T value;
        try {
            value = schema.construct(new Fields<>(schema, read, nodes, node, path, true));
        } catch (RuntimeException partialValueRefused) {
            return;
        }
        if (value == null) {
            return;
        }
        for (FieldError e : schema.validate(value, context)) {
            String field = e.path().split("\\.", 2)[0];
            if (read.containsKey(field)) {
                String at = path(path, e.path());
                report(nodeAt(at), at, e.message());
            }
        }
    }

    /** The decoded fields of one map, as the object's constructor sees them. */
    private final class Fields<T> implements ObjectSchema.Values {
        private final ObjectSchema<T> schema;
        private final Map<String, Object> values;
        private final Map<String, N> nodes;
        private final N map;
        private final String path;
        /** Built from what could be read, only to validate it: its problems are the failed fields' own. */
        private final boolean partial;

        Fields(ObjectSchema<T> schema, Map<String, Object> values, Map<String, N> nodes, N map, String path,
               boolean partial) {
            this.schema = schema;
            this.values = values;
            this.nodes = nodes;
            this.map = map;
            this.path = path;
            this.partial = partial;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V get(String field) {
            if (values.containsKey(field)) {
                return (V) values.get(field);
            }
            return (V) schema.field(field).orElseThrow(() -> new IllegalStateException(schema.typeName()
                    + " has no field \"" + field + "\"")).defaultValue();
        }

        @Override
        public boolean present(String field) {
            return nodes.containsKey(field);
        }

        @Override
        public void problem(String field, String message) {
            if (partial) {
                return;
            }
            String at = SchemaDecoder.path(path, field);
            // A path into a nested field (template.spec.restartPolicy) is placed at the deepest part that was read.
            report(nodes.containsKey(field) ? nodes.get(field) : field.contains(".") ? nodeAt(at) : map, at, message);
        }
    }

    private String string(StringSchema schema, N node, String path) {
        Shape shape = tree.shape(node);
        if (shape != Shape.STRING) {
            if (schema.sensitive()) {
                // A secret value is never quoted back, not even in an error.
                String what = shape.name().toLowerCase(Locale.ROOT);
                report(node, path, "expected a string, got " + (!shape.scalar() ? tree.describe(node)
                        : ("aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ") + what + " (quote it)"));
                return null;
            }
            String hint = shape.scalar() ? " (quote it: \"" + tree.text(node) + "\")" : "";
            report(node, path, "expected a string, got " + tree.describe(node) + hint);
            return null;
        }
        String text = tree.text(node);
        String problem = schema.problem(text, context);
        if (problem != null) {
            report(node, path, problem);
            return null;
        }
        return text;
    }

    private Number integer(IntegerSchema<?> schema, N node, String path) {
        if (tree.shape(node) != Shape.INTEGER) {
            report(node, path, "expected " + schema.expectation() + ", got " + tree.describe(node));
            return null;
        }
        BigInteger value = tree.integer(node);
        if (value.compareTo(BigInteger.valueOf(schema.min())) < 0) {
            report(node, path, "expected " + schema.expectation() + ", got " + tree.describe(node));
            return null;
        }
        if (value.compareTo(BigInteger.valueOf(schema.max())) > 0) {
            report(node, path, "expected at most " + schema.max() + ", got " + tree.describe(node));
            return null;
        }
        return schema.box(value.longValue());
    }

    private Double number(N node, String path) {
        Shape shape = tree.shape(node);
        if (shape != Shape.INTEGER && shape != Shape.FLOAT) {
            report(node, path, "expected a number, got " + tree.describe(node));
            return null;
        }
        return tree.number(node);
    }

    private Boolean bool(N node, String path) {
        if (tree.shape(node) != Shape.BOOLEAN) {
            report(node, path, "expected true or false, got " + tree.describe(node));
            return null;
        }
        return tree.bool(node);
    }

    private Duration duration(DurationSchema schema, N node, String path) {
        Duration d = switch (tree.shape(node)) {
            case STRING -> DurationText.parse(tree.text(node), schema.integerUnit());
            case INTEGER -> tree.integer(node).bitLength() < 64
                    ? DurationText.of(tree.integer(node).longValue(), schema.integerUnit()) : null;
            default -> null;
        };
        if (d == null) {
            String seconds = schema.integerUnit() == ChronoUnit.SECONDS ? " (or a number of seconds)" : "";
            report(node, path, "expected a duration such as 5s, 250ms or PT5S" + seconds + ", got "
                    + tree.describe(node));
            return null;
        }
        if (d.isNegative() && !schema.allowNegative()) {
            report(node, path, "must not be negative, got " + tree.describe(node));
            return null;
        }
        return d;
    }

    private Instant timestamp(N node, String path) {
        Shape shape = tree.shape(node);
        if (shape == Shape.STRING || shape == Shape.TIMESTAMP) {
            Instant at = Timestamps.parse(tree.text(node));
            if (at != null) {
                return at;
            }
        }
        report(node, path, "expected an ISO-8601 time such as 2026-01-02T03:04:05Z, got " + tree.describe(node));
        return null;
    }

    private <E> E choice(EnumSchema<E> schema, N node, String path) {
        Map<String, E> values = schema.values();
        if (tree.shape(node) == Shape.STRING && values.containsKey(tree.text(node))) {
            return values.get(tree.text(node));
        }
        String hint = tree.shape(node).scalar()
                ? Spelling.nearest(tree.text(node), values.keySet()).map(n -> "; did you mean \"" + n + "\"?").orElse("")
                : "";
        report(node, path, "expected one of " + String.join(", ", values.keySet()) + ", got "
                + tree.describe(node) + hint);
        return null;
    }

    private <V> Map<String, V> map(MapSchema<V> schema, N node, String path) {
        if (tree.shape(node) != Shape.MAP) {
            String what = schema.values() instanceof StringSchema ? "a map of strings" : "a map";
            report(node, path, "expected " + what + ", got " + tree.describe(node));
            return null;
        }
        int before = errors;
        Map<String, V> out = new LinkedHashMap<>();
        for (NodeTree.Entry<N> e : tree.entries(node)) {
            if (out.containsKey(e.key())) {
                continue;
            }
            String field = path(path, e.key());
            int atEntry = errors;
            V value = decode(schema.values(), e.value(), field);
            if (errors > atEntry) {
                continue;
            }
            String problem = schema.problem(e.key(), value);
            if (problem != null) {
                report(e.value(), field, problem);
                continue;
            }
            out.put(e.key(), value);
        }
        return errors > before ? null : Collections.unmodifiableMap(out);
    }

    private <E> List<E> list(ListSchema<E> schema, N node, String path) {
        if (tree.shape(node) != Shape.LIST) {
            report(node, path, "expected a list, got " + tree.describe(node));
            return null;
        }
        int before = errors;
        List<N> items = tree.items(node);
        List<E> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = path + "[" + i + "]";
            positions.put(at, items.get(i));
            out.add(decode(schema.items(), items.get(i), at));
        }
        return errors > before ? null : Collections.unmodifiableList(out);
    }

    private <T> T oneOf(OneOfSchema<T> schema, N node, String path) {
        Shape shape = tree.shape(node);
        for (OneOfSchema.Alternative<T> a : schema.alternatives()) {
            if (Shapes.accepts(a.schema(), shape)) {
                return decode(a.schema(), node, path);
            }
        }
        report(node, path, "expected " + schema.expectation() + ", got " + tree.describe(node));
        return null;
    }

    private <T, W> T mapped(MappedSchema<T, W> schema, N node, String path) {
        int before = errors;
        W wire = decode(schema.wire(), node, path);
        if (errors > before) {
            return null;
        }
        try {
            return schema.read(wire);
        } catch (IllegalArgumentException e) {
            report(node, path, e.getMessage());
            return null;
        }
    }

    /** {@code key} inside {@code path}: {@code spec} and {@code replicas} make {@code spec.replicas}. */
    static String path(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
