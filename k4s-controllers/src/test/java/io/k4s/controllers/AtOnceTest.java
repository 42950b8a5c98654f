package io.k4s.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every task runs once, many at once on platform threads; the failures come back by item, in item order. */
class AtOnceTest {

    @Test
    void everyItemRuns_once() {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        List<Integer> items = IntStream.range(0, 100).boxed().toList();

        Map<Integer, RuntimeException> failures = AtOnce.run(items, i -> assertTrue(ran.add(i), "ran twice: " + i));

        assertEquals(Set.copyOf(items), ran);
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void theTasks_runAtOnce() {
        // All eight meet at a barrier, which only concurrent tasks can pass.
        CyclicBarrier together = new CyclicBarrier(8);
        Map<Integer, RuntimeException> failures = AtOnce.run(IntStream.range(0, 8).boxed().toList(), i -> {
            try {
                together.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the tasks did not run at once", e);
            }
        });

        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void failures_comeBackByItem_inItemOrder_andTheOtherTasksStillRun() {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        IllegalStateException full = new IllegalStateException("the store is full");
        IllegalArgumentException bad = new IllegalArgumentException("bad name");

        Map<Integer, RuntimeException> failures = AtOnce.run(IntStream.range(0, 10).boxed().toList(), i -> {
            ran.add(i);
            if (i == 7) {
                throw bad;
            }
            if (i == 4) {
                throw full;
            }
        });

        assertEquals(List.of(4, 7), List.copyOf(failures.keySet()));
        assertSame(full, failures.get(4));
        assertSame(bad, failures.get(7));
        assertEquals(10, ran.size(), "a failure stops no other task");
    }

    @Test
    void theTasks_runOnPlatformThreads_soBusyCarriersCannotStallThem() {
        Map<Integer, RuntimeException> failures = AtOnce.run(List.of(1, 2, 3), i -> {
            if (Thread.currentThread().isVirtual()) {
                throw new IllegalStateException("task " + i + " ran on a virtual thread");
            }
        });

        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void manyMoreItemsThanThreads_allRun() {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        List<Integer> items = IntStream.range(0, AtOnce.THREADS * 3 + 5).boxed().toList();

        assertTrue(AtOnce.run(items, ran::add).isEmpty());

        assertEquals(Set.copyOf(items), ran);
    }

    @Test
    void oneItem_runsOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        Map<String, RuntimeException> failures = AtOnce.run(List.of("only"),
                s -> assertSame(caller, Thread.currentThread()));

        assertTrue(failures.isEmpty(), failures.toString());
    }
}
