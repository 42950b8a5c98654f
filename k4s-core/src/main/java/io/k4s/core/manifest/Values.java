package io.k4s.core.manifest;

import io.k4s.api.Params;
import io.k4s.api.resource.ResourceNames;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Read typed values from YAML nodes, strictly: a field's YAML type must be the expected one
 * ({@code "3"} in quotes is a string, not an integer). Every method reports a problem to the
 * {@link Doc} at the node and returns {@code null}.
 */
final class Values {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Values() {}

    /** Whether {@code node} is a string scalar (quoted, or plain text that is no other type). */
    static boolean isString(ScalarNode node) {
        return node.getTag().equals(Tag.STR);
    }

    /** What {@code node} is, for "got ..." in messages: {@code "three"}, {@code 3.5}, {@code a map}. */
    static String describe(Node node) {
        if (node instanceof ScalarNode s) {
            if (isString(s)) {
                return "\"" + s.getValue() + "\"";
            }
            return s.getTag().equals(Tag.NULL) ? "null" : s.getValue();
        }
        return node instanceof MappingNode ? "a map" : node instanceof SequenceNode ? "a list" : "nothing";
    }

    /** A string; other scalars are refused with a hint to quote them. */
    static String string(Doc doc, Node node, String path) {
        if (node instanceof ScalarNode s && isString(s)) {
            return s.getValue();
        }
        String hint = node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)
                ? " (quote it: \"" + s.getValue() + "\")" : "";
        doc.error(node, path, "expected a string, got " + describe(node) + hint);
        return null;
    }

    /**
     * An integer in {@code min..max}; {@code expected} words what is wanted, for example
     * {@code a non-negative integer}.
     */
    static Long integer(Doc doc, Node node, String path, long min, long max, String expected) {
        if (!(node instanceof ScalarNode s) || !s.getTag().equals(Tag.INT)) {
            doc.error(node, path, "expected " + expected + ", got " + describe(node));
            return null;
        }
        BigInteger value = parseInteger(s.getValue());
        if (value.compareTo(BigInteger.valueOf(min)) < 0) {
            doc.error(node, path, "expected " + expected + ", got " + s.getValue());
            return null;
        }
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            doc.error(node, path, "expected at most " + max + ", got " + s.getValue());
            return null;
        }
        return value.longValue();
    }

    /** {@code true} or {@code false}. */
    static Boolean bool(Doc doc, Node node, String path) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return parseBoolean(s.getValue());
        }
        doc.error(node, path, "expected true or false, got " + describe(node));
        return null;
    }

    /** A duration: {@code 5s}, {@code 250ms}, {@code 1m}, ISO-8601 {@code PT5S}, or milliseconds. */
    static Duration duration(Doc doc, Node node, String path) {
        Duration d = null;
        if (node instanceof ScalarNode s && (isString(s) || s.getTag().equals(Tag.INT))) {
            d = Params.parseDuration(isString(s) ? s.getValue() : (Object) parseInteger(s.getValue()).longValue());
        }
        if (d == null) {
            doc.error(node, path, "expected a duration such as 5s, 250ms or PT5S, got " + describe(node));
            return null;
        }
        if (d.isNegative()) {
            doc.error(node, path, "must not be negative, got " + describe(node));
            return null;
        }
        return d;
    }

    /** An ISO-8601 instant such as {@code 2026-01-02T03:04:05Z}. */
    static Instant instant(Doc doc, Node node, String path) {
        if (node instanceof ScalarNode s && (isString(s) || s.getTag().equals(Tag.TIMESTAMP))) {
            try {
                return Instant.parse(s.getValue());
            } catch (DateTimeParseException notUtc) {
                try {
                    return OffsetDateTime.parse(s.getValue()).toInstant();
                } catch (DateTimeParseException e) {
                    // fall through to the error below, which shows the value
                }
            }
        }
        doc.error(node, path, "expected an ISO-8601 time such as 2026-01-02T03:04:05Z, got " + describe(node));
        return null;
    }

    /** One of {@code choices} (map from exact spelling to value); a near miss gets a suggestion. */
    static <E> E choice(Doc doc, Node node, String path, Map<String, E> choices) {
        if (node instanceof ScalarNode s && isString(s) && choices.containsKey(s.getValue())) {
            return choices.get(s.getValue());
        }
        String got = describe(node);
        String hint = node instanceof ScalarNode s
                ? Spelling.nearest(s.getValue(), choices.keySet()).map(n -> "; did you mean \"" + n + "\"?").orElse("")
                : "";
        doc.error(node, path, "expected one of " + String.join(", ", choices.keySet()) + ", got " + got + hint);
        return null;
    }

    /** A list's items, or {@code null} (reported) if {@code node} is not a list. */
    static List<Node> list(Doc doc, Node node, String path) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        doc.error(node, path, "expected a list, got " + describe(node));
        return null;
    }

    /**
     * A map of string to string; with {@code labels}, keys and values are checked as Kubernetes
     * label keys and values.
     */
    static Map<String, String> strings(Doc doc, Node node, String path, boolean labels) {
        if (!(node instanceof MappingNode map)) {
            doc.error(node, path, "expected a map of strings, got " + describe(node));
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        int before = doc.errorCount();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key) || out.containsKey(key.getValue())) {
                continue;
            }
            String field = path + "." + key.getValue();
            String value = string(doc, t.getValueNode(), field);
            if (value == null) {
                continue;
            }
            String problem = labels ? ResourceNames.labelProblem(key.getValue(), value) : null;
            if (problem != null) {
                doc.error(t.getValueNode(), field, problem);
                continue;
            }
            out.put(key.getValue(), value);
        }
        return doc.errorCount() == before ? Collections.unmodifiableMap(out) : null;
    }

    /** A scalar as a Java value: null, Boolean, Integer or Long, Double, or String (also timestamps). */
    static Object plain(Doc doc, ScalarNode node, String path) {
        Tag tag = node.getTag();
        String text = node.getValue();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return parseBoolean(text);
        }
        if (tag.equals(Tag.INT)) {
            BigInteger value = parseInteger(text);
            if (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
                doc.error(node, path, "integer " + text + " does not fit in 64 bits; quote it to keep it as text");
                return null;
            }
            long v = value.longValue();
            return v == (int) v ? (Object) (int) v : (Object) v;
        }
        if (tag.equals(Tag.FLOAT)) {
            return parseFloat(text);
        }
        return text;
    }

    private static boolean parseBoolean(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.equals("true") || t.equals("yes") || t.equals("on");
    }

    /** YAML 1.1 integers as SnakeYAML resolves them: decimal, 0x, 0b, leading-0 octal, 1:30. */
    static BigInteger parseInteger(String text) {
        String t = text.replace("_", "");
        BigInteger sign = BigInteger.ONE;
        if (t.startsWith("-")) {
            sign = BigInteger.ONE.negate();
            t = t.substring(1);
        } else if (t.startsWith("+")) {
            t = t.substring(1);
        }
        BigInteger value;
        if (t.startsWith("0b")) {
            value = new BigInteger(t.substring(2), 2);
        } else if (t.startsWith("0x")) {
            value = new BigInteger(t.substring(2), 16);
        } else if (t.contains(":")) {
            value = BigInteger.ZERO;
            for (String digit : t.split(":")) {
                value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(digit));
            }
        } else if (t.length() > 1 && t.startsWith("0")) {
            value = new BigInteger(t.substring(1), 8);
        } else {
            value = new BigInteger(t);
        }
        return value.multiply(sign);
    }

    private static double parseFloat(String text) {
        String t = text.replace("_", "").toLowerCase(Locale.ROOT);
        double sign = 1;
        if (t.startsWith("-")) {
            sign = -1;
            t = t.substring(1);
        } else if (t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.equals(".inf")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (t.equals(".nan")) {
            return Double.NaN;
        }
        if (t.contains(":")) {
            double value = 0;
            for (String digit : t.split(":")) {
                value = value * 60 + Double.parseDouble(digit);
            }
            return sign * value;
        }
        return sign * Double.parseDouble(t);
    }
}
