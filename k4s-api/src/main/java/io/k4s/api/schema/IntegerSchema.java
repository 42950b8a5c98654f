package io.k4s.api.schema;

import java.util.Objects;
import java.util.function.LongFunction;

/**
 * A whole number bound to {@link Integer} or {@link Long}, within {@code min..max}. A decimal
 * ({@code 3.5}) or a quoted number ({@code "3"}) is not an integer.
 *
 * @param <N> {@link Integer} or {@link Long}
 */
public final class IntegerSchema<N extends Number> implements Schema<N> {

    private final String description;
    private final long min;
    private final long max;
    private final boolean int64;
    private final LongFunction<N> box;

    private IntegerSchema(Builder<N> b) {
        this.description = b.description;
        this.min = b.min;
        this.max = b.max;
        this.int64 = b.int64;
        this.box = b.box;
    }

    /** A builder for a 32-bit integer (Java {@code int}). */
    public static Builder<Integer> int32() {
        return new Builder<>(false, Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v);
    }

    /** A builder for a 64-bit integer (Java {@code long}). */
    public static Builder<Long> int64() {
        return new Builder<>(true, Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String typeName() {
        return "integer";
    }

    /** The smallest value accepted. */
    public long min() {
        return min;
    }

    /** The largest value accepted. */
    public long max() {
        return max;
    }

    /** Whether the Java value is a {@link Long} (else an {@link Integer}). */
    public boolean javaLong() {
        return int64;
    }

    /** The Java value of {@code value}, which must lie within {@code min..max}. */
    public N box(long value) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("expected " + min + ".." + max + ", got " + value);
        }
        return box.apply(value);
    }

    /** What a valid value is, in words: {@code a non-negative integer}, {@code a positive integer}. */
    public String expectation() {
        if (min == 0) {
            return "a non-negative integer";
        }
        if (min == 1) {
            return "a positive integer";
        }
        return "an integer";
    }

    /** Build an {@link IntegerSchema}; not thread-safe. */
    public static final class Builder<N extends Number> {
        private final boolean int64;
        private final LongFunction<N> box;
        private final long lowest;
        private final long highest;
        private String description = "";
        private long min;
        private long max;

        private Builder(boolean int64, long lowest, long highest, LongFunction<N> box) {
            this.int64 = int64;
            this.box = box;
            this.lowest = lowest;
            this.highest = highest;
            this.min = lowest;
            this.max = highest;
        }

        /** What the value means. */
        public Builder<N> description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * The smallest value accepted.
         *
         * @throws IllegalArgumentException if it does not fit the Java type
         */
        public Builder<N> min(long min) {
            if (min < lowest || min > highest) {
                throw new IllegalArgumentException("min " + min + " does not fit " + (int64 ? "a long" : "an int"));
            }
            this.min = min;
            return this;
        }

        /**
         * The largest value accepted.
         *
         * @throws IllegalArgumentException if it does not fit the Java type
         */
        public Builder<N> max(long max) {
            if (max < lowest || max > highest) {
                throw new IllegalArgumentException("max " + max + " does not fit " + (int64 ? "a long" : "an int"));
            }
            this.max = max;
            return this;
        }

        /**
         * The schema.
         *
         * @throws IllegalArgumentException if min is above max
         */
        public IntegerSchema<N> build() {
            if (min > max) {
                throw new IllegalArgumentException("min " + min + " is above max " + max);
            }
            return new IntegerSchema<>(this);
        }
    }
}
