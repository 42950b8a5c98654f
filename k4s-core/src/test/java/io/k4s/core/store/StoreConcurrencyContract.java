package io.k4s.core.store;

import static io.k4s.core.store.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.ContainerPhase;
import io.k4s.api.resource.ContainerStatus;
import io.k4s.api.resource.MessageCounters;
import io.k4s.api.resource.ResourceKey;
import io.k4s.api.resource.ResourceList;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's API layer over a backend under concurrent writers: optimistic concurrency loses no
 * update, watchers see every write once in order, lists are snapshots, a stuck watcher blocks
 * nobody. A backend's test subclasses this.
 */
public abstract class StoreConcurrencyContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A fresh, empty backend; the store over it closes it. */
    protected abstract StorageBackend newBackend();

    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private ResourceStore store;

    @BeforeEach
    void open() {
        store = new ResourceStore(newBackend(), Clock.systemUTC(), 100_000, 100_000);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        store.close();
    }

    @Test
    void readModifyWrite_withRetryOnConflict_losesNoIncrement() throws Exception {
        Container first = store.create(container("counter"));
        AtomicInteger conflicts = new AtomicInteger();
        int threads = 8;
        int increments = 500;
        // Every thread reads the first version before any writes it, so collisions are certain
        // however the threads are scheduled (on 2 cores each could otherwise run alone).
        CyclicBarrier allReadTheFirstVersion = new CyclicBarrier(threads);

        runAll(threads, t -> {
            for (int i = 0; i < increments; i++) {
                boolean waitForAll = i == 0;
                while (true) {
                    Container c = store.get(Container.class, "default", "counter").orElseThrow();
                    int n = Integer.parseInt(c.metadata().labels().getOrDefault("n", "0"));
                    if (waitForAll) {
                        allReadTheFirstVersion.await(10, TimeUnit.SECONDS);
                        waitForAll = false;
                    }
                    try {
                        store.update(c.withMetadata(c.metadata().withLabels(Map.of("n", String.valueOf(n + 1)))));
                        break;
                    } catch (ConflictException e) {
                        conflicts.incrementAndGet();
                    }
                }
            }
            return null;
        });

        Container last = store.get(Container.class, "default", "counter").orElseThrow();
        assertEquals(String.valueOf(threads * increments), last.metadata().labels().get("n"));
        assertTrue(last.metadata().resourceVersion() - first.metadata().resourceVersion() >= threads * increments,
                "every increment took a revision");
        assertTrue(conflicts.get() >= threads - 1, "all but one of the first writes of the same version conflict: "
                + conflicts.get());
    }

    @Test
    void watchers_seeEveryWriteOnce_inOrder_underConcurrentWriters() throws Exception {
        int writers = 4;
        int perWriter = 300;
        long start = store.resourceVersion();
        List<Watch> watches = List.of(store.watch(null, null, start), store.watch(Container.class, null, start),
                store.watch(null, null, start));

        runAll(writers, w -> {
            for (int i = 0; i < perWriter; i++) {
                Container c = store.create(container("w" + w + "-" + i));
                store.updateStatus(c.withStatus(running(i)));
                if (i % 3 == 0) {
                    store.delete(Container.class, "default", c.metadata().name());
                }
            }
            return null;
        });

        long last = store.resourceVersion();
        long writes = writers * (perWriter * 2L + perWriter / 3);
        for (Watch watch : watches) {
            long previous = start;
            for (long n = 1; n <= writes; n++) {
                WatchEvent event = watch.next(WAIT);
                assertNotNull(event, "event " + n + " of " + writes);
                assertTrue(event.resourceVersion() > previous, "no duplicate, strictly increasing");
                previous = event.resourceVersion();
            }
            assertEquals(last, previous, "the last event is the last write");
        }
    }

    @Test
    void watchFromAListsRevision_missesNothing_whileWritersRun() throws Exception {
        int writers = 3;
        int perWriter = 400;
        Future<?>[] running = new Future<?>[writers];
        for (int w = 0; w < writers; w++) {
            int id = w;
            running[w] = pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    Container c = store.create(container("w" + id + "-" + i));
                    if (i % 2 == 0) {
                        store.updateStatus(c.withStatus(running(i)));
                    }
                    if (i % 5 == 0) {
                        store.delete(Container.class, "default", c.metadata().name());
                    }
                }
                return null;
            });
        }
        long start = store.resourceVersion();
        Await.until(WAIT, () -> store.resourceVersion() > start + 200, "the writers are under way");

        ResourceList<Container> listed = store.list(Container.class, null);
        Watch watch = store.watch(Container.class, null, listed.resourceVersion());
        for (Future<?> f : running) {
            f.get();
        }

        Map<ResourceKey, Container> state = new HashMap<>();
        listed.items().forEach(c -> state.put(c.key(), c));
        long previous = listed.resourceVersion();
        while (previous < store.resourceVersion()) {
            WatchEvent event = watch.next(WAIT);
            assertNotNull(event);
            assertTrue(event.resourceVersion() > previous, "strictly increasing");
            previous = event.resourceVersion();
            Container c = (Container) Fixtures.resourceOf(event);
            if (event instanceof WatchEvent.Deleted) {
                assertNotNull(state.remove(c.key()), "deleted " + c.key() + " was listed or added");
            } else {
                if (event instanceof WatchEvent.Added) {
                    assertEquals(null, state.get(c.key()), "added " + c.key() + " twice");
                }
                state.put(c.key(), c);
            }
        }
        Map<ResourceKey, Container> actual = new HashMap<>();
        store.list(Container.class, null).items().forEach(c -> actual.put(c.key(), c));
        assertEquals(actual, state, "list + watch reproduces the store exactly");
    }

    @Test
    void lists_duringWrites_areSnapshots() throws Exception {
        int rounds = 300;
        Future<?> writer = pool.submit(() -> {
            for (int i = 0; i < rounds; i++) {
                store.create(container("a-" + i));
                store.create(container("b-" + i));
            }
            return null;
        });
        List<ResourceList<Container>> seen = new ArrayList<>();
        while (!writer.isDone()) {
            seen.add(store.list(Container.class, "default"));
        }
        writer.get();

        for (ResourceList<Container> list : seen) {
            long as = list.items().stream().filter(c -> c.metadata().name().startsWith("a-")).count();
            long bs = list.size() - as;
            assertTrue(as == bs || as == bs + 1, "a-i is created before b-i, so a snapshot has as many a as b, or one"
                    + " more: " + as + " and " + bs + " at " + list.resourceVersion());
            assertTrue(list.items().stream().allMatch(c -> c.metadata().resourceVersion() <= list.resourceVersion()),
                    "nothing newer than the list's revision");
        }
    }

    @Test
    void expiredWatcher_doesNotBlockWriters() throws Exception {
        try (ResourceStore small = new ResourceStore(newBackend(), Clock.systemUTC(), 3, 1000)) {
            Watch neverRead = small.watch(null, null, 0);
            runAll(4, w -> {
                for (int i = 0; i < 100; i++) {
                    small.create(container("w" + w + "-" + i));
                }
                return null;
            });
            assertEquals(400, small.list(Container.class, null).size());
            assertInstanceOf(WatchEvent.Expired.class, neverRead.next(WAIT));
        }
    }

    private static ContainerStatus running(int processed) {
        return new ContainerStatus(ContainerPhase.RUNNING, "", "", true, 0, null,
                new MessageCounters(processed + 1L, processed, 0, 0), "", 1);
    }

    private interface Task {
        Void run(int index) throws Exception;
    }

    private void runAll(int threads, Task task) throws Exception {
        List<Future<Void>> futures = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(threads);
        for (int t = 0; t < threads; t++) {
            int index = t;
            futures.add(pool.submit((Callable<Void>) () -> {
                start.await(10, TimeUnit.SECONDS);
                return task.run(index);
            }));
        }
        for (Future<Void> f : futures) {
            f.get();
        }
    }
}
