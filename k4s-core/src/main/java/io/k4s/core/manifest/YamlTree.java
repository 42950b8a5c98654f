package io.k4s.core.manifest;

import io.k4s.core.schema.NodeTree;
import io.k4s.core.schema.Shape;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Read SnakeYAML node trees for the schema engine, with YAML 1.1's types as SnakeYAML resolves
 * them: a scalar's shape is its tag, so {@code "3"} in quotes is a string and {@code 3} an
 * integer; {@code 0x1F}, {@code 0b101}, {@code 017} and {@code 1:30} are integers too. Keys that
 * are not plain scalars and merge keys are skipped here: {@link NodeCheck} reports them.
 * Stateless.
 */
final class YamlTree implements NodeTree<Node> {

    static final YamlTree INSTANCE = new YamlTree();

    private YamlTree() {}

    @Override
    public Shape shape(Node node) {
        return switch (node) {
            case MappingNode m -> Shape.MAP;
            case SequenceNode s -> Shape.LIST;
            case ScalarNode s -> scalar(s.getTag());
            default -> Shape.OTHER;
        };
    }

    private static Shape scalar(Tag tag) {
        if (tag.equals(Tag.STR)) {
            return Shape.STRING;
        }
        if (tag.equals(Tag.INT)) {
            return Shape.INTEGER;
        }
        if (tag.equals(Tag.FLOAT)) {
            return Shape.FLOAT;
        }
        if (tag.equals(Tag.BOOL)) {
            return Shape.BOOLEAN;
        }
        if (tag.equals(Tag.NULL)) {
            return Shape.NULL;
        }
        return tag.equals(Tag.TIMESTAMP) ? Shape.TIMESTAMP : Shape.OTHER;
    }

    @Override
    public List<Entry<Node>> entries(Node map) {
        List<Entry<Node>> out = new ArrayList<>();
        for (NodeTuple t : ((MappingNode) map).getValue()) {
            if (t.getKeyNode() instanceof ScalarNode key && !key.getTag().equals(Tag.MERGE)) {
                out.add(new Entry<>(key.getValue(), key, t.getValueNode()));
            }
        }
        return out;
    }

    @Override
    public List<Node> items(Node list) {
        return ((SequenceNode) list).getValue();
    }

    @Override
    public String text(Node scalar) {
        return ((ScalarNode) scalar).getValue();
    }

    @Override
    public BigInteger integer(Node node) {
        return parseInteger(text(node));
    }

    @Override
    public double number(Node node) {
        return shape(node) == Shape.INTEGER ? parseInteger(text(node)).doubleValue() : parseFloat(text(node));
    }

    @Override
    public boolean bool(Node node) {
        String t = text(node).toLowerCase(Locale.ROOT);
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
