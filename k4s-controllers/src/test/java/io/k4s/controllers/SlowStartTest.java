package io.k4s.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Doubling batches, each batch at once; after a failing batch nothing more starts. */
class SlowStartTest {

    @Test
    void everyItemRuns_once() {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        List<Integer> items = IntStream.range(0, 100).boxed().toList();

        SlowStart.run(items, i -> assertTrue(ran.add(i), "ran twice: " + i));

        assertEquals(Set.copyOf(items), ran);
    }

    @Test
    void theTasksOfABatch_runAtOnce() {
        // Items 3..6 are the third batch (1, 2, 4): all four meet at a barrier, which only concurrent tasks can pass.
        CyclicBarrier together = new CyclicBarrier(4);
        SlowStart.run(IntStream.range(0, 7).boxed().toList(), i -> {
            if (i >= 3) {
                try {
                    together.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("the third batch did not run at once", e);
                }
            }
        });
    }

    @Test
    void afterABatchWithAFailure_noFurtherBatchStarts_andTheFailureIsThrown() {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        IllegalStateException full = new IllegalStateException("the store is full");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> SlowStart.run(IntStream.range(0, 100).boxed().toList(), i -> {
                    ran.add(i);
                    if (i == 4) {
                        throw full;
                    }
                }));

        assertSame(full, thrown);
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6), ran, "batches 1, 2 and 4 ran; the batch of 8 never started");
    }
}
