package io.k4s.api.runtime;

import java.util.Arrays;

/**
 * Count how long one container's handlers took, in fixed power-of-two buckets: an immutable
 * snapshot.
 *
 * <p>Bucket 0 counts handles shorter than 1,024 ns; bucket {@code i} (from 1) counts those from
 * {@link #lowerBoundNanos(int) 2^(9+i)} up to (excluding) {@link #upperBoundNanos(int)
 * 2^(10+i)} ns; the last bucket ({@code BUCKETS - 1}) everything from 2^36 ns (about 69 s) up.
 * The bounds never change, so snapshots of different containers and times add up bucket by
 * bucket (what a Prometheus histogram needs).
 */
public final class HandleTimes {

    /** How many buckets there are. */
    public static final int BUCKETS = 28;

    /** No handle counted yet. */
    public static final HandleTimes EMPTY = new HandleTimes(new long[BUCKETS]);

    private static final int FIRST_SHIFT = 10;

    private final long[] counts;

    private HandleTimes(long[] counts) {
        this.counts = counts;
    }

    /**
     * A snapshot of {@code counts}, copied.
     *
     * @throws IllegalArgumentException unless there are exactly {@link #BUCKETS} counts, none negative
     */
    public static HandleTimes of(long[] counts) {
        if (counts.length != BUCKETS) {
            throw new IllegalArgumentException("expected " + BUCKETS + " bucket counts, got " + counts.length);
        }
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("bucket counts must not be negative: " + Arrays.toString(counts));
            }
        }
        return new HandleTimes(counts.clone());
    }

    /** The bucket a handle of {@code nanos} nanoseconds falls into. */
    public static int bucketOf(long nanos) {
        if (nanos < (1L << FIRST_SHIFT)) {
            return 0;
        }
        int log2 = 63 - Long.numberOfLeadingZeros(nanos);
        return Math.min(BUCKETS - 1, log2 - FIRST_SHIFT + 1);
    }

    /** The shortest handle time, in nanoseconds, counted in {@code bucket}. */
    public static long lowerBoundNanos(int bucket) {
        check(bucket);
        return bucket == 0 ? 0 : 1L << (FIRST_SHIFT + bucket - 1);
    }

    /** The handle time, in nanoseconds, from which on handles count in the next bucket; {@link Long#MAX_VALUE} for the last. */
    public static long upperBoundNanos(int bucket) {
        check(bucket);
        return bucket == BUCKETS - 1 ? Long.MAX_VALUE : 1L << (FIRST_SHIFT + bucket);
    }

    private static void check(int bucket) {
        if (bucket < 0 || bucket >= BUCKETS) {
            throw new IndexOutOfBoundsException("bucket " + bucket + " is not in 0.." + (BUCKETS - 1));
        }
    }

    /** How many handles fell into {@code bucket}. */
    public long count(int bucket) {
        check(bucket);
        return counts[bucket];
    }

    /** How many handles were counted in all. */
    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /** The count of every bucket, a copy. */
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandleTimes other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("HandleTimes[");
        boolean first = true;
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] != 0) {
                s.append(first ? "" : ", ").append('<').append(i == BUCKETS - 1 ? "inf" : upperBoundNanos(i) + "ns")
                        .append(": ").append(counts[i]);
                first = false;
            }
        }
        return s.append(']').toString();
    }
}
