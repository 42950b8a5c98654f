package io.k4s.controllers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Run one task per item, all at once on virtual threads, and say which failed: the creates of a
 * ReplicaSet's slow-start batch become concurrent writes, which a durable store commits together
 * (group commit) instead of syncing once per replica.
 *
 * <p>Called on the reconciling thread, which waits for every task; the tasks must be thread-safe.
 */
final class AtOnce {

    private AtOnce() {}

    /**
     * Run {@code task} for each of {@code items} at once (on the calling thread when there is
     * one) and return when all have ended: the failure of each item whose task threw, in the
     * order of {@code items}; empty when all succeeded. An {@link Error} is rethrown.
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
        List<Future<?>> running = new ArrayList<>(items.size());
        boolean interrupted = false;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                running.add(threads.submit(() -> task.accept(item)));
            }
            for (int i = 0; i < items.size(); i++) {
                try {
                    running.get(i).get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    failures.put(items.get(i), (RuntimeException) e.getCause());
                } catch (InterruptedException e) {
                    // close() below still waits for every task; the flag is kept for the caller.
                    interrupted = true;
                    i--;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return failures;
    }
}
