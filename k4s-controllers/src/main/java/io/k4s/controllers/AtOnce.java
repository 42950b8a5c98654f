package io.k4s.controllers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Run one task per item, up to {@value #THREADS} at once, and say which failed: the creates of a
 * ReplicaSet's slow-start batch become concurrent writes, which a durable store commits together
 * (group commit) instead of syncing once per replica.
 *
 * <p>The tasks run on platform threads, as the reconcilers do: workers computing on every
 * carrier thread (Java cannot preempt a virtual thread) must not stall the control plane.
 * Called on the reconciling thread, which waits for every task; the tasks must be thread-safe.
 */
final class AtOnce {

    /** The most tasks running at once: as many as the container reconciler's reconciles. */
    static final int THREADS = 64;

    private AtOnce() {}

    /**
     * Run {@code task} for each of {@code items}, up to {@value #THREADS} at once (on the calling
     * thread when there is one item), and return when all have ended: the failure of each item
     * whose task threw, in the order of {@code items}; empty when all succeeded. An
     * {@link Error} is rethrown once all have ended.
     */
    static <T> Map<T, RuntimeException> run(List<T> items, Consumer<T> task) {
        Map<T, RuntimeException> failures = new LinkedHashMap<>();
        if (items.size() == 1) {
            try {
                task.accept(items.getFirst());
            } catch (RuntimeException e) {
                failures.put(items.getFirst(), e);
            }
            return failures;
        }
        Throwable[] thrown = new Throwable[items.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                try {
                    task.accept(items.get(i));
                } catch (RuntimeException | Error e) {
                    thrown[i] = e;
                }
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < Math.min(THREADS, items.size()); t++) {
            threads.add(Thread.ofPlatform().daemon().name("k4s-at-once-" + t).start(drain));
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the tasks still end; the flag is kept for the caller
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < items.size(); i++) {
            if (thrown[i] instanceof Error error) {
                throw error;
            }
            if (thrown[i] instanceof RuntimeException e) {
                failures.put(items.get(i), e);
            }
        }
        return failures;
    }
}
