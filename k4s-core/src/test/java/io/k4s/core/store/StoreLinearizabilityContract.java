package io.k4s.core.store;

import static io.k4s.core.store.Fixtures.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.resource.AlreadyExistsException;
import io.k4s.api.resource.ConflictException;
import io.k4s.api.resource.Container;
import io.k4s.api.resource.NotFoundException;
import io.k4s.api.resource.ResourceList;
import io.k4s.api.resource.Watch;
import io.k4s.api.resource.WatchEvent;
import io.k4s.core.store.History.Kind;
import io.k4s.core.store.History.Op;
import io.k4s.core.store.History.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Concurrent create, update, delete and get with conflicts on a few keys; the recorded history
 * must linearize per key against a sequential model, write revisions must be unique and follow
 * real time, every watcher must see every write once in revision order, and every list must be
 * exactly the state at its revision.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class StoreLinearizabilityContract {

    /** A fresh, empty backend; the store over it closes it. */
    protected abstract StorageBackend newBackend();

    /**
     * How many updates the single writer of {@link #resourceVersion_isNeverBehindARevisionAGetAlreadyReturned}
     * makes: 20,000 by default; a backend with a network round trip per write asks for fewer, so
     * the test fits its time limit on a loaded machine.
     */
    protected int sequentialWrites() {
        return 20_000;
    }

    private static final int THREADS = 4;
    private static final int OPS_PER_THREAD = 1500;
    private static final List<String> KEYS = List.of("k0", "k1", "k2");
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A write that took a revision, for the global checks. */
    private record Write(long rv, String key, Kind kind, String value, long invoked, long responded) {}

    /** A list and the revision it claims to show. */
    private record Snapshot(long rv, Map<String, String> values) {}

    @Test
    void concurrentWritesAndReads_areLinearizablePerKey_andWatchesAndListsAgree() throws Exception {
        long seed = Long.getLong("k4s.store.seed", 4242L);
        ResourceStore store = new ResourceStore(newBackend(), Clock.systemUTC(), 1_000_000, 1_000_000);
        History history = new History();
        List<Snapshot> snapshots = new ArrayList<>();
        List<WatchEvent> watched = new ArrayList<>();
        try (store; Watch watch = store.watch(Container.class, null, store.resourceVersion())) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                History.Recorder recorder = history.forThread();
                Random random = new Random(seed + t);
                String prefix = "t" + t + "-";
                writers.add(Thread.ofPlatform().start(() -> work(store, recorder, random, prefix, go)));
            }
            Thread lister = Thread.ofPlatform().start(() -> {
                awaitQuietly(go);
                while (writers.stream().anyMatch(Thread::isAlive)) {
                    ResourceList<Container> list = store.list(Container.class, "default");
                    snapshots.add(new Snapshot(list.resourceVersion(), list.items().stream().collect(
                            Collectors.toMap(c -> c.metadata().name(), c -> c.metadata().labels().get("v")))));
                }
            });
            go.countDown();
            for (Thread w : writers) {
                w.join();
            }
            lister.join();
            long last = store.resourceVersion();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while ((watched.isEmpty() || watched.getLast().resourceVersion() < last) && System.nanoTime() < deadline) {
                WatchEvent e = watch.next(Duration.ofMillis(100));
                if (e != null) {
                    watched.add(e);
                }
            }
        }

        List<Op> ops = history.operations();
        Map<String, List<Op>> byKey = ops.stream().collect(Collectors.groupingBy(Op::key, TreeMap::new,
                Collectors.toList()));
        for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
            assertTrue(LinearizabilityChecker.linearizable(e.getValue()),
                    "the history of key " + e.getKey() + " (" + e.getValue().size() + " operations) is not"
                            + " linearizable; replay with -Dk4s.store.seed=" + seed);
        }
        List<Write> writes = ops.stream().filter(LinearizabilityChecker::wroteRevision)
                .map(o -> new Write(o.rv(), o.key(), o.kind(), o.written(), o.invoked(), o.responded()))
                .sorted(Comparator.comparingLong(Write::rv)).toList();
        assertTrue(writes.size() > OPS_PER_THREAD / 2, "enough writes succeeded to mean something: " + writes.size());
        revisionsAreUniqueAndFollowRealTime(writes);
        watchSawEveryWriteInOrder(writes, watched);
        listsShowTheStateAtTheirRevision(writes, snapshots);
    }

    private static void work(ResourceStore store, History.Recorder recorder, Random random, String prefix,
                             CountDownLatch go) {
        awaitQuietly(go);
        Map<String, Container> known = new HashMap<>();
        for (int i = 0; i < OPS_PER_THREAD; i++) {
            String key = KEYS.get(random.nextInt(KEYS.size()));
            String value = prefix + i;
            int dice = random.nextInt(100);
            long invoked = System.nanoTime();
            if (dice < 35) {
                Optional<Container> got = store.get(Container.class, "default", key);
                long responded = System.nanoTime();
                got.ifPresentOrElse(c -> known.put(key, c), () -> known.remove(key));
                recorder.add(key, Kind.GET, null, 0, Outcome.OK, got.map(StoreLinearizabilityContract::valueOf).orElse(null),
                        got.map(c -> c.metadata().resourceVersion()).orElse(0L), invoked, responded);
            } else if (dice < 50) {
                try {
                    Container c = store.create(container("default", key, Map.of("v", value)));
                    recorder.add(key, Kind.CREATE, value, 0, Outcome.OK, null, c.metadata().resourceVersion(),
                            invoked, System.nanoTime());
                    known.put(key, c);
                } catch (AlreadyExistsException e) {
                    recorder.add(key, Kind.CREATE, value, 0, Outcome.ALREADY_EXISTS, null, 0, invoked, System.nanoTime());
                }
            } else if (dice < 80) {
                Container base = known.getOrDefault(key, container("default", key, Map.of()));
                String written = random.nextInt(10) == 0 && valueOf(base) != null ? valueOf(base) : value;
                long readRv = base.metadata().resourceVersion() == 0 ? 1 : base.metadata().resourceVersion();
                Container desired = base.withMetadata(base.metadata().withLabels(Map.of("v", written))
                        .withResourceVersion(readRv));
                try {
                    Container c = store.update(desired);
                    recorder.add(key, Kind.UPDATE, written, readRv, Outcome.OK, null, c.metadata().resourceVersion(),
                            invoked, System.nanoTime());
                    known.put(key, c);
                } catch (ConflictException e) {
                    recorder.add(key, Kind.UPDATE, written, readRv, Outcome.CONFLICT, null, e.actual(), invoked,
                            System.nanoTime());
                    known.remove(key);
                } catch (NotFoundException e) {
                    recorder.add(key, Kind.UPDATE, written, readRv, Outcome.NOT_FOUND, null, 0, invoked, System.nanoTime());
                    known.remove(key);
                }
            } else {
                try {
                    Container c = store.delete(Container.class, "default", key);
                    recorder.add(key, Kind.DELETE, null, 0, Outcome.OK, null, c.metadata().resourceVersion(), invoked,
                            System.nanoTime());
                } catch (NotFoundException e) {
                    recorder.add(key, Kind.DELETE, null, 0, Outcome.NOT_FOUND, null, 0, invoked, System.nanoTime());
                }
                known.remove(key);
            }
        }
    }

    private static String valueOf(Container c) {
        return c.metadata().labels().get("v");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before the start", e);
        }
    }

    /** No two writes share a revision; a write that began after another ended has a greater one. */
    private static void revisionsAreUniqueAndFollowRealTime(List<Write> byRv) {
        Set<Long> rvs = new HashSet<>();
        for (Write w : byRv) {
            assertTrue(rvs.add(w.rv()), "two writes took resourceVersion " + w.rv());
        }
        List<Write> byResponse = byRv.stream().sorted(Comparator.comparingLong(Write::responded)).toList();
        List<Write> byInvocation = byRv.stream().sorted(Comparator.comparingLong(Write::invoked)).toList();
        int done = 0;
        long maxDoneRv = 0;
        Write maxDone = null;
        for (Write w : byInvocation) {
            while (done < byResponse.size() && byResponse.get(done).responded() < w.invoked()) {
                Write finished = byResponse.get(done++);
                if (finished.rv() > maxDoneRv) {
                    maxDoneRv = finished.rv();
                    maxDone = finished;
                }
            }
            assertTrue(w.rv() > maxDoneRv, "write " + w + " began after " + maxDone + " ended but has a smaller rv");
        }
    }

    /** The watch from revision 0 delivered each write once, in revision order, with its value. */
    private static void watchSawEveryWriteInOrder(List<Write> byRv, List<WatchEvent> watched) {
        assertEquals(byRv.size(), watched.size(), "one watch event per write");
        for (int i = 0; i < byRv.size(); i++) {
            Write w = byRv.get(i);
            WatchEvent e = watched.get(i);
            assertEquals(w.rv(), e.resourceVersion(), "event " + i + " has the revision of write " + w);
            Container c = (Container) Fixtures.resourceOf(e);
            assertEquals(w.key(), c.metadata().name(), "event " + i + " names the key of " + w);
            switch (w.kind()) {
                case CREATE -> assertTrue(e instanceof WatchEvent.Added, "a create is an Added event: " + e);
                case UPDATE -> assertTrue(e instanceof WatchEvent.Modified, "an update is a Modified event: " + e);
                case DELETE -> assertTrue(e instanceof WatchEvent.Deleted, "a delete is a Deleted event: " + e);
                default -> throw new AssertionError("a get wrote a revision: " + w);
            }
            if (w.kind() != Kind.DELETE) {
                assertEquals(w.value(), valueOf(c), "event " + i + " carries the value of " + w);
            }
        }
    }

    /** Replaying the writes up to a list's revision gives exactly the list. */
    private static void listsShowTheStateAtTheirRevision(List<Write> byRv, List<Snapshot> snapshots) {
        assertFalse(snapshots.isEmpty(), "the lister took at least one list");
        List<Snapshot> ordered = snapshots.stream().sorted(Comparator.comparingLong(Snapshot::rv)).toList();
        Map<String, String> state = new HashMap<>();
        int next = 0;
        for (Snapshot s : ordered) {
            while (next < byRv.size() && byRv.get(next).rv() <= s.rv()) {
                Write w = byRv.get(next++);
                if (w.kind() == Kind.DELETE) {
                    state.remove(w.key());
                } else {
                    state.put(w.key(), w.value());
                }
            }
            assertEquals(state, s.values(), "the list at resourceVersion " + s.rv());
        }
    }

    /**
     * Regression: a write became visible to get before the store's revision moved, so
     * resourceVersion() could return less than the resourceVersion of an object just read.
     */
    @Test
    void resourceVersion_isNeverBehindARevisionAGetAlreadyReturned() throws Exception {
        try (ResourceStore store = new ResourceStore(newBackend(), Clock.systemUTC(), 1000, 1000)) {
            store.create(container("default", "k", Map.of("v", "0")));
            int writes = sequentialWrites();
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 1; i <= writes; i++) {
                    Container c = store.get(Container.class, "default", "k").orElseThrow();
                    store.update(c.withMetadata(c.metadata().withLabels(Map.of("v", String.valueOf(i)))));
                }
            });
            List<String> behind = new ArrayList<>();
            while (writer.isAlive() && behind.isEmpty()) {
                long seen = store.get(Container.class, "default", "k").orElseThrow().metadata().resourceVersion();
                long now = store.resourceVersion();
                if (now < seen) {
                    behind.add("get returned resourceVersion " + seen + ", then resourceVersion() returned " + now);
                }
            }
            writer.join();
            assertEquals(List.of(), behind);
        }
    }
}
