package io.k4s.bench;

import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerSpec;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.Selector;
import io.k4s.api.resource.Service;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.store.InMemoryResourceStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Measure the resource store alone (no controllers): get, update, list by label selector,
 * updates delivered to three watchers, and updates while ten idle watches per object (of another
 * kind) are open.
 *
 * <p>Each operation first runs for half the measured duration (at least 200 ms) to warm up, then
 * for the measured duration; the result is operations per second on one thread (the watch
 * fan-out: updates per second that all three watchers received). Called from the harness's main
 * thread.
 */
final class StoreThroughput {

    private static final String NAMESPACE = "bench";
    private static final int LABEL_VALUES = 10;
    private static final int WATCHERS = 3;
    /** Idle watches of another kind per stored object: 100,000 for the default 10,000 objects (issue 10, item 8). */
    private static final int IDLE_WATCHES_PER_OBJECT = 10;
    private static final int MAX_WATCH_LAG = 2_000;
    private static final Duration WATCH_QUIET = Duration.ofSeconds(10);

    /** Where results go so the JIT cannot drop the measured calls. */
    private static volatile long consumed;

    private StoreThroughput() {
    }

    /** Run every store measurement on a store holding {@code objects} Containers. */
    static List<Map<String, Object>> measure(int objects, Duration each) {
        List<Map<String, Object>> results = new ArrayList<>();
        try (InMemoryResourceStore store = new InMemoryResourceStore()) {
            String[] names = new String[objects];
            for (int i = 0; i < objects; i++) {
                names[i] = "obj-" + i;
                store.create(Container.of(new ObjectMeta(names[i], NAMESPACE, Map.of("app", "a" + i % LABEL_VALUES),
                        Map.of(), null, 0, 0, null, List.of()), ContainerSpec.of("echo")));
            }
            int[] next = {0};
            results.add(result("get", rate(each, () -> {
                next[0] = (next[0] + 1) % objects;
                return store.get(Container.class, NAMESPACE, names[next[0]]).isPresent() ? 1 : 0;
            })));
            AtomicReference<Container> current = new AtomicReference<>(
                    store.get(Container.class, NAMESPACE, names[0]).orElseThrow());
            results.add(result("update", rate(each, () -> {
                current.set(store.update(touched(current.get())));
                return 1;
            })));
            Selector selector = Selector.labels(Map.of("app", "a3"));
            results.add(result("list by label (" + objects / LABEL_VALUES + " of " + objects + ")",
                    rate(each, () -> store.list(Container.class, NAMESPACE, selector).items().size() > 0 ? 1 : 0)));
            results.add(result("update, watched by " + WATCHERS, watchFanOut(store, current, each)));
            int idle = objects * IDLE_WATCHES_PER_OBJECT;
            List<Watch> idleWatches = new ArrayList<>(idle);
            for (int i = 0; i < idle; i++) {
                idleWatches.add(store.watch(Service.class, null, 0));
            }
            results.add(result(String.format(Locale.ROOT, "update, %,d idle watches of another kind", idle), rate(each, () -> {
                current.set(store.update(touched(current.get())));
                return 1;
            })));
            idleWatches.forEach(Watch::close);
        }
        return results;
    }

    private static double watchFanOut(InMemoryResourceStore store, AtomicReference<Container> current, Duration each) {
        fanOut(store, current, warmUp(each));
        return fanOut(store, current, each);
    }

    /** Update for {@code duration} while three watchers read; updates/s every watcher received. */
    private static double fanOut(InMemoryResourceStore store, AtomicReference<Container> current, Duration duration) {
        AtomicLong[] seen = new AtomicLong[WATCHERS];
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> watchers = new ArrayList<>();
        long from = store.resourceVersion();
        AtomicLong lastVersion = new AtomicLong(Long.MAX_VALUE);
        for (int w = 0; w < WATCHERS; w++) {
            AtomicLong count = seen[w] = new AtomicLong();
            Watch watch = store.watch(Container.class, NAMESPACE, from);
            watchers.add(Thread.ofPlatform().name("store-watcher-" + w).start(() -> {
                try (watch) {
                    long seenVersion = from;
                    long quietSince = System.nanoTime();
                    while (seenVersion < lastVersion.get()) {
                        WatchEvent e = watch.next(Duration.ofMillis(50));
                        if (e instanceof WatchEvent.Expired || (e == null && watch.closed())) {
                            failure.compareAndSet(null, "a watcher fell behind and expired: " + e);
                            return;
                        }
                        if (e == null) {
                            if (System.nanoTime() - quietSince > WATCH_QUIET.toNanos()) {
                                failure.compareAndSet(null, "a watcher saw no event for " + WATCH_QUIET
                                        + " after revision " + seenVersion);
                                return;
                            }
                            continue;
                        }
                        quietSince = System.nanoTime();
                        seenVersion = e.resourceVersion();
                        count.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    failure.compareAndSet(null, "a watcher was interrupted");
                }
            }));
        }
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long updates = 0;
        while (System.nanoTime() < end && failure.get() == null) {
            current.set(store.update(touched(current.get())));
            updates++;
            for (AtomicLong count : seen) {
                while (updates - count.get() > MAX_WATCH_LAG && failure.get() == null) {
                    LockSupport.parkNanos(10_000);
                }
            }
        }
        lastVersion.set(current.get().metadata().resourceVersion());
        for (Thread t : watchers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the store watchers", e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("store watch fan-out: " + failure.get());
        }
        return updates / seconds;
    }

    /**
     * {@code c} with its annotation {@code touched} set to its resourceVersion, so the update
     * changes something (the store does not write an update that changes nothing).
     */
    private static Container touched(Container c) {
        return c.withMetadata(c.metadata().withAnnotations(
                Map.of("touched", Long.toString(c.metadata().resourceVersion()))));
    }

    /** Half the measured time, at least 200 ms: long enough for the JIT to compile the store's write path. */
    private static Duration warmUp(Duration measured) {
        return Duration.ofMillis(Math.max(200, measured.toMillis() / 2));
    }

    /** Run {@code op} for a warm-up and then for {@code duration}; its sum per second. */
    private static double rate(Duration duration, LongSupplier op) {
        run(warmUp(duration), op);
        return run(duration, op);
    }

    private static double run(Duration duration, LongSupplier op) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long ops = 0;
        long sink = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 64; i++) {
                sink += op.getAsLong();
            }
            ops += 64;
        }
        consumed = sink;
        return ops / ((System.nanoTime() - start) / 1e9);
    }

    private static Map<String, Object> result(String operation, double opsPerSecond) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operation", operation);
        m.put("opsPerSecond", opsPerSecond);
        return m;
    }
}
