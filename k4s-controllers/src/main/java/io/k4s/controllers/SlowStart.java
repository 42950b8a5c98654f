package io.k4s.controllers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Run one task per item in batches that double (1, 2, 4, ...), the tasks of a batch at once on
 * virtual threads, as Kubernetes' ReplicaSet controller creates pods ({@code slowStartBatch}): a
 * ReplicaSet of thousands becomes thousands of concurrent writes, which a durable store commits
 * together, while a create that fails every time (a bad template, a full store) fails once, not
 * thousands of times. After a batch in which a task threw, no further batch starts and the first
 * failure is thrown.
 *
 * <p>Called on the reconciling thread; the tasks must be thread-safe.
 */
final class SlowStart {

    private SlowStart() {}

    /** Run {@code task} for each of {@code items} in doubling batches; see the class comment. */
    static <T> void run(List<T> items, Consumer<T> task) {
        int done = 0;
        int batch = 1;
        while (done < items.size()) {
            int n = Math.min(batch, items.size() - done);
            if (n == 1) {
                task.accept(items.get(done));
            } else {
                runAtOnce(items.subList(done, done + n), task);
            }
            done += n;
            batch *= 2;
        }
    }

    private static <T> void runAtOnce(List<T> items, Consumer<T> task) {
        RuntimeException failure = null;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>(items.size());
            for (T item : items) {
                running.add(threads.submit(() -> task.accept(item)));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating replicas", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
