package io.k4s.workers.examples;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Read numbers from payloads (a {@link Number} or a numeric text) and shape numeric results:
 * {@link Long} when integral, {@link Double} otherwise. Stateless; call from any thread.
 */
final class Numbers {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final double TWO_TO_63 = 0x1p63;

    private Numbers() {
    }

    /**
     * Read {@code value} as a finite number: a {@link Long} for integral numbers and integer
     * texts that fit in 64 bits, a {@link Double} otherwise; empty if it is not a number.
     */
    static Optional<Number> read(Object value) {
        return switch (value) {
            case Byte b -> Optional.of(b.longValue());
            case Short s -> Optional.of(s.longValue());
            case Integer i -> Optional.of(i.longValue());
            case Long l -> Optional.of(l);
            case BigInteger b -> of(b);
            case Number n -> of(n.doubleValue());
            case String s -> readText(s.trim());
            case null, default -> Optional.empty();
        };
    }

    private static Optional<Number> readText(String text) {
        if (INTEGER.matcher(text).matches()) {
            return of(new BigInteger(text));
        }
        if (DECIMAL.matcher(text).matches()) {
            return of(Double.parseDouble(text));
        }
        return Optional.empty();
    }

    private static Optional<Number> of(BigInteger value) {
        if (value.bitLength() < 64) {
            return Optional.of(value.longValue());
        }
        return of(value.doubleValue());
    }

    private static Optional<Number> of(double value) {
        return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
    }

    /** Whether {@code n} is a {@link Long}, as {@link #read} gives integral values. */
    static boolean integral(Number n) {
        return n instanceof Long;
    }

    /** {@code value} as a {@link Long} when it is a whole number that fits, else as a {@link Double}. */
    static Number shape(double value) {
        if (value == Math.rint(value) && Math.abs(value) < TWO_TO_63) {
            return (long) value;
        }
        return value;
    }

    /** {@code value} as an exact decimal, for sums that must not lose integral precision. */
    static BigDecimal exact(Number value) {
        return value instanceof Long l ? BigDecimal.valueOf(l) : BigDecimal.valueOf(value.doubleValue());
    }
}
