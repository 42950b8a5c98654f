package io.k4s.api.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HandleTimesTest {

    @Test
    void bucketOf_placesEveryTimeBetweenItsBucketsBounds() {
        for (long nanos : new long[] {0, 1, 1023, 1024, 1025, 2047, 2048, 1_000_000, 68_719_476_735L,
                68_719_476_736L, Long.MAX_VALUE}) {
            int b = HandleTimes.bucketOf(nanos);
            assertEquals(true, HandleTimes.lowerBoundNanos(b) <= nanos && nanos < HandleTimes.upperBoundNanos(b)
                    || b == HandleTimes.BUCKETS - 1, nanos + " in bucket " + b);
        }
        assertEquals(0, HandleTimes.bucketOf(1023));
        assertEquals(1, HandleTimes.bucketOf(1024));
        assertEquals(2, HandleTimes.bucketOf(2048));
        assertEquals(HandleTimes.BUCKETS - 1, HandleTimes.bucketOf(Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, HandleTimes.upperBoundNanos(HandleTimes.BUCKETS - 1));
    }

    @Test
    void of_copiesAndChecksTheCounts() {
        long[] counts = new long[HandleTimes.BUCKETS];
        counts[3] = 5;
        HandleTimes times = HandleTimes.of(counts);
        counts[3] = 99;

        assertEquals(5, times.count(3));
        assertEquals(5, times.total());
        assertEquals(HandleTimes.of(times.counts()), times);
        assertThrows(IllegalArgumentException.class, () -> HandleTimes.of(new long[3]));
        assertThrows(IndexOutOfBoundsException.class, () -> times.count(HandleTimes.BUCKETS));
    }
}
