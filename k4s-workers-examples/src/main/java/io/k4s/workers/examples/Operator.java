package io.k4s.workers.examples;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The calculator's operations, each with its word ({@code add}) and, for binary ones, its symbol
 * ({@code +}). Evaluation is exact on integral operands where the result is integral, and
 * otherwise in {@code double}; results are shaped by {@link Numbers#shape}.
 */
enum Operator {
    ADD("add", "+", 2),
    SUB("sub", "-", 2),
    MUL("mul", "*", 2),
    DIV("div", "/", 2),
    POW("pow", "^", 2),
    MOD("mod", "%", 2),
    SQRT("sqrt", null, 1),
    ABS("abs", null, 1);

    private final String word;
    private final String symbol;
    private final int arity;

    Operator(String word, String symbol, int arity) {
        this.word = word;
        this.symbol = symbol;
        this.arity = arity;
    }

    /** The manifest and payload word, for example {@code add}. */
    String word() {
        return word;
    }

    /** How many operands it takes: 1 or 2. */
    int arity() {
        return arity;
    }

    /** The operator named by its word or symbol, case-insensitively. */
    static Optional<Operator> named(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.word.equals(t) || t.equals(o.symbol)).findFirst();
    }

    /** Every accepted name, for error messages: {@code add (+), sub (-), ..., sqrt, abs}. */
    static String accepted() {
        return Arrays.stream(values())
                .map(o -> o.symbol == null ? o.word : o.word + " (" + o.symbol + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * Apply this operator; {@code b} is ignored by unary operators.
     *
     * @throws IllegalArgumentException on division or modulo by zero, the square root of a
     *                                  negative number, or a result that is not a finite number
     */
    Number apply(Number a, Number b) {
        if (Numbers.integral(a) && (arity == 1 || Numbers.integral(b))) {
            Long exact = exact(a.longValue(), arity == 1 ? 0 : b.longValue());
            if (exact != null) {
                return exact;
            }
        }
        double x = a.doubleValue();
        double y = arity == 1 ? 0 : b.doubleValue();
        if ((this == DIV || this == MOD) && y == 0) {
            throw new IllegalArgumentException((this == DIV ? "division" : "modulo") + " by zero: "
                    + describe(a, b));
        }
        if (this == SQRT && x < 0) {
            throw new IllegalArgumentException("square root of a negative number: " + describe(a, b));
        }
        double result = switch (this) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MOD -> x % y;
            case POW -> Math.pow(x, y);
            case SQRT -> Math.sqrt(x);
            case ABS -> Math.abs(x);
        };
        if (!Double.isFinite(result)) {
            throw new IllegalArgumentException(describe(a, b) + " has no finite result (got " + result + ")");
        }
        return Numbers.shape(result);
    }

    /** The expression as text, for messages: {@code 10 / 0}, {@code sqrt -4}. */
    String describe(Number a, Number b) {
        return arity == 1 ? word + " " + a : a + " " + symbol + " " + b;
    }

    /** The exact integral result, or {@code null} when it is not integral or does not fit in a long. */
    private Long exact(long x, long y) {
        BigInteger bx = BigInteger.valueOf(x);
        BigInteger by = BigInteger.valueOf(y);
        BigInteger r = switch (this) {
            case ADD -> bx.add(by);
            case SUB -> bx.subtract(by);
            case MUL -> bx.multiply(by);
            case DIV -> y != 0 && x % y == 0 ? bx.divide(by) : null;
            case MOD -> y != 0 ? bx.remainder(by) : null;
            case POW -> exactPower(bx, y);
            case SQRT -> x >= 0 && bx.sqrt().pow(2).equals(bx) ? bx.sqrt() : null;
            case ABS -> bx.abs();
        };
        return r != null && r.bitLength() < 64 ? r.longValue() : null;
    }

    private static BigInteger exactPower(BigInteger base, long exponent) {
        if (exponent < 0) {
            return null;
        }
        if (exponent == 0) {
            return BigInteger.ONE;
        }
        if (base.signum() >= 0 && base.compareTo(BigInteger.ONE) <= 0) {
            return base; // 0 or 1 to any positive power
        }
        if (base.equals(BigInteger.ONE.negate())) {
            return exponent % 2 == 0 ? BigInteger.ONE : base;
        }
        return exponent < 64 ? base.pow((int) exponent) : null;
    }
}
