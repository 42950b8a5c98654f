package io.k4s.core.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Read the generic form as a {@link NodeTree}: {@link Map} (string keys), {@link List},
 * {@link String}, whole numbers ({@code Integer}, {@code Long}, {@code Short}, {@code Byte},
 * {@code BigInteger}), other numbers ({@code Double}, {@code Float}, {@code BigDecimal}),
 * {@link Boolean} and {@code null}; what JSON parses to and what {@link SchemaEncoder} writes.
 * Anything else is {@link Shape#OTHER}. Stateless.
 */
public final class GenericTree implements NodeTree<Object> {

    /** The one instance. */
    public static final GenericTree INSTANCE = new GenericTree();

    private GenericTree() {}

    @Override
    public Shape shape(Object node) {
        return switch (node) {
            case null -> Shape.NULL;
            case Map<?, ?> m -> Shape.MAP;
            case List<?> l -> Shape.LIST;
            case String s -> Shape.STRING;
            case Boolean b -> Shape.BOOLEAN;
            case Integer i -> Shape.INTEGER;
            case Long l -> Shape.INTEGER;
            case Short s -> Shape.INTEGER;
            case Byte b -> Shape.INTEGER;
            case BigInteger b -> Shape.INTEGER;
            case Double d -> Shape.FLOAT;
            case Float f -> Shape.FLOAT;
            case BigDecimal b -> Shape.FLOAT;
            default -> Shape.OTHER;
        };
    }

    @Override
    public List<Entry<Object>> entries(Object map) {
        List<Entry<Object>> out = new ArrayList<>();
        ((Map<?, ?>) map).forEach((k, v) -> out.add(new Entry<>(String.valueOf(k), k, v)));
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> items(Object list) {
        return (List<Object>) list;
    }

    @Override
    public String text(Object scalar) {
        return String.valueOf(scalar);
    }

    @Override
    public BigInteger integer(Object node) {
        return node instanceof BigInteger b ? b : BigInteger.valueOf(((Number) node).longValue());
    }

    @Override
    public double number(Object node) {
        return ((Number) node).doubleValue();
    }

    @Override
    public boolean bool(Object node) {
        return (Boolean) node;
    }
}
