package io.k4s.workers.examples;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One calculator request, read from a text such as {@code "2 + 3"} or {@code "sqrt 16"}, or
 * from a map such as {@code {op: add, a: 2, b: 3}}.
 *
 * @param operator what to compute
 * @param a        the first (or only) operand
 * @param b        the second operand, or {@code null} for a unary operator
 */
record Calculation(Operator operator, Number a, Number b) {

    private static final String NUMBER = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?";
    private static final Pattern BINARY =
            Pattern.compile("\\s*(" + NUMBER + ")\\s*([-+*/^%])\\s*(" + NUMBER + ")\\s*");
    private static final Pattern UNARY =
            Pattern.compile("\\s*([a-zA-Z]+)(?:\\s*\\(\\s*(" + NUMBER + ")\\s*\\)|\\s+(" + NUMBER + "))\\s*");
    private static final String FORMS = "expected \"A OP B\" with OP one of + - * / ^ %, \"sqrt A\","
            + " \"abs A\", or a map {op, a, b} with op one of " + Operator.accepted();

    /**
     * Read a payload: a text expression or a map with {@code op}, {@code a} and (for binary
     * operators) {@code b}.
     *
     * @throws IllegalArgumentException saying what was wrong and which forms are accepted
     */
    static Calculation parse(Object payload) {
        return switch (payload) {
            case String text -> parseText(text);
            case Map<?, ?> map -> parseMap(map);
            case null -> throw new IllegalArgumentException("cannot calculate a null payload; " + FORMS);
            default -> throw new IllegalArgumentException("cannot calculate a "
                    + payload.getClass().getSimpleName() + " (" + payload + "); " + FORMS);
        };
    }

    /** Evaluate; see {@link Operator#apply}. */
    Number evaluate() {
        return operator.apply(a, b);
    }

    private static Calculation parseText(String text) {
        Matcher binary = BINARY.matcher(text);
        if (binary.matches()) {
            Operator op = Operator.named(binary.group(2)).orElseThrow();
            return new Calculation(op, number(binary.group(1), "A", text), number(binary.group(3), "B", text));
        }
        Matcher unary = UNARY.matcher(text);
        if (unary.matches()) {
            String word = unary.group(1).toLowerCase(Locale.ROOT);
            Operator op = Operator.named(word).filter(o -> o.arity() == 1).orElseThrow(() ->
                    new IllegalArgumentException("unknown function \"" + word + "\" in \"" + text
                            + "\"; the functions are sqrt and abs"));
            String operand = unary.group(2) != null ? unary.group(2) : unary.group(3);
            return new Calculation(op, number(operand, "A", text), null);
        }
        throw new IllegalArgumentException("cannot read \"" + text + "\"; " + FORMS);
    }

    private static Calculation parseMap(Map<?, ?> map) {
        Object opValue = map.get("op");
        if (opValue == null) {
            throw new IllegalArgumentException("the map " + map + " has no \"op\"; " + FORMS);
        }
        Operator op = Operator.named(String.valueOf(opValue)).orElseThrow(() -> new IllegalArgumentException(
                "unknown op \"" + opValue + "\"; expected one of " + Operator.accepted()));
        Number a = operand(map, "a", op);
        Number b = op.arity() == 2 ? operand(map, "b", op) : null;
        return new Calculation(op, a, b);
    }

    private static Number operand(Map<?, ?> map, String key, Operator op) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("op " + op.word() + " needs \"" + key + "\", and the map "
                    + map + " has none");
        }
        return Numbers.read(value).orElseThrow(() -> new IllegalArgumentException(
                "\"" + key + "\" must be a finite number, got " + value));
    }

    private static Number number(String text, String which, String expression) {
        return Numbers.read(text).orElseThrow(() -> new IllegalArgumentException(
                "operand " + which + " in \"" + expression + "\" is not a finite number: " + text));
    }
}
